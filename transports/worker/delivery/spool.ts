/**
 * The disk spool of one destination: append-only NDJSON segment files under
 * `<dir>/`, named so that they sort in write order. Lines arrive in blocks
 * (one write per block, never one per line), a segment is sealed (fsync'd)
 * at `segmentMaxBytes` and on `sync()`; segments are read back oldest first
 * and deleted once every line in them is delivered. A crash can tear the last
 * line of a segment: reading skips it and counts it.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { SpoolWriteError } from './errors.js'
import { makeDir } from './make-dir.js'

export interface SpoolEntry {
  raw: string
  value: Record<string, unknown>
}

export interface LoadedSegment {
  path: string
  entries: SpoolEntry[]
  /** lines skipped because they were torn or not JSON objects */
  torn: number
}

interface Segment {
  path: string
  bytes: number
  lines: number
}

const SUFFIX = '.ndjson'
const SEGMENT_MAX_BYTES = 8 * 1024 * 1024

export class Spool {
  /** sealed segments not yet read back, oldest first */
  private sealed: Segment[]
  /** segments read back and not yet completed */
  private readonly taken = new Map<string, Segment>()
  private active: (Segment & { fd: number }) | undefined
  private counter = 0
  private readonly tag = randomUUID().slice(0, 8)
  private made = false

  constructor(
    readonly dir: string,
    private readonly segmentMaxBytes = SEGMENT_MAX_BYTES,
  ) {
    this.sealed = listSegments(dir).map((path) => measure(path))
  }

  /** true while any line is on disk and not yet read back */
  get hasPending(): boolean {
    return this.sealed.length > 0 || (this.active !== undefined && this.active.lines > 0)
  }

  /** lines on disk (read back but not yet delivered included) */
  get lines(): number {
    return this.sum((s) => s.lines)
  }

  /** bytes on disk (read back but not yet delivered included) */
  get bytes(): number {
    return this.sum((s) => s.bytes)
  }

  /** Appends a block of lines with one write. */
  append(raws: readonly string[]): void {
    if (raws.length === 0) return
    const active = this.active ?? this.open()
    const text = `${raws.join('\n')}\n`
    try {
      writeSync(active.fd, text)
    } catch (error) {
      throw new SpoolWriteError(active.path, error)
    }
    active.lines += raws.length
    active.bytes += Buffer.byteLength(text)
    if (active.bytes >= this.segmentMaxBytes) this.seal()
  }

  /** fsync the segment being written */
  sync(): void {
    if (this.active === undefined) return
    try {
      fsyncSync(this.active.fd)
    } catch (error) {
      throw new SpoolWriteError(this.active.path, error)
    }
  }

  /** Reads the oldest segment back (sealing the active one when it is the only one). */
  takeNext(): LoadedSegment | undefined {
    if (this.sealed.length === 0 && this.active !== undefined && this.active.lines > 0) this.seal()
    const segment = this.sealed.shift()
    if (segment === undefined) return undefined
    this.taken.set(segment.path, segment)
    return readSegment(segment.path)
  }

  /** Seals the segment being written and gives up every sealed one (another process reads them): their paths. */
  handOver(): string[] {
    this.seal()
    const paths = this.sealed.map((s) => s.path)
    this.sealed = []
    return paths
  }

  /** Every line of a taken segment is settled: delete it. */
  complete(path: string): void {
    this.taken.delete(path)
    removeFile(path)
  }

  /** Part of a taken segment is still undelivered: keep only those lines and put it back first in line. */
  putBack(path: string, raws: readonly string[]): void {
    if (raws.length === 0) return this.complete(path)
    const text = `${raws.join('\n')}\n`
    const tmp = `${path}.tmp`
    try {
      const fd = openSync(tmp, 'w')
      writeSync(fd, text)
      fsyncSync(fd)
      closeSync(fd)
      renameSync(tmp, path)
    } catch (error) {
      throw new SpoolWriteError(path, error)
    }
    this.taken.delete(path)
    this.sealed.unshift({ path, bytes: Buffer.byteLength(text), lines: raws.length })
  }

  /** Deletes the oldest segment not being read back; returns the lines it held (0 when there is none). */
  dropOldest(): number {
    if (this.sealed.length === 0 && this.active !== undefined && this.active.lines > 0) this.seal()
    const segment = this.sealed.shift()
    if (segment === undefined) return 0
    removeFile(segment.path)
    return segment.lines
  }

  close(): void {
    if (this.active === undefined) return
    this.sync()
    this.seal()
  }

  private sum(of: (s: Segment) => number): number {
    let n = this.active === undefined ? 0 : of(this.active)
    for (const s of this.sealed) n += of(s)
    for (const s of this.taken.values()) n += of(s)
    return n
  }

  private open(): Segment & { fd: number } {
    if (!this.made) {
      try {
        makeDir(this.dir)
      } catch (error) {
        throw new SpoolWriteError(this.dir, error)
      }
      this.made = true
    }
    const name = `${String(Date.now()).padStart(14, '0')}-${String(this.counter++).padStart(6, '0')}-${this.tag}${SUFFIX}`
    const path = join(this.dir, name)
    try {
      this.active = { path, fd: openSync(path, 'a'), lines: 0, bytes: 0 }
    } catch (error) {
      throw new SpoolWriteError(path, error)
    }
    return this.active
  }

  private seal(): void {
    const active = this.active
    if (active === undefined) return
    this.active = undefined
    try {
      fsyncSync(active.fd)
      closeSync(active.fd)
    } catch {
      // written with write(2): the page cache holds it; only a machine crash before writeback loses it
    }
    if (active.lines > 0) this.sealed.push({ path: active.path, bytes: active.bytes, lines: active.lines })
    else removeFile(active.path)
  }
}

function removeFile(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}

function measure(path: string): Segment {
  try {
    const text = readFileSync(path, 'utf8')
    let lines = 0
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
    return { path, bytes: statSync(path).size, lines }
  } catch {
    return { path, bytes: 0, lines: 0 }
  }
}

export function listSegments(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(SUFFIX))
      .sort()
      .map((name) => join(dir, name))
  } catch {
    return []
  }
}

export function readSegment(path: string): LoadedSegment {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return { path, entries: [], torn: 0 }
  }
  const entries: SpoolEntry[] = []
  let torn = 0
  for (const raw of text.split('\n')) {
    if (raw.length === 0) continue
    try {
      const value: unknown = JSON.parse(raw)
      if (value === null || typeof value !== 'object' || Array.isArray(value)) torn++
      else entries.push({ raw, value: value as Record<string, unknown> })
    } catch {
      torn++
    }
  }
  return { path, entries, torn }
}
