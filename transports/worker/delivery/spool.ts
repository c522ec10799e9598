/**
 * The disk spool of one destination: append-only NDJSON segment files under
 * `<dir>/`, named so that they sort in write order. Lines are appended with
 * synchronous writes and fsync'd on `sync()`; segments are replayed oldest
 * first and deleted once every line in them is delivered. A crash can tear
 * the last line of a segment: replay skips it and counts it.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { SpoolWriteError } from './errors.js'

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

interface ActiveSegment {
  path: string
  fd: number
  lines: number
}

const SUFFIX = '.ndjson'

export class Spool {
  private pending: string[]
  private active: ActiveSegment | undefined
  private counter = 0
  private readonly tag = randomUUID().slice(0, 8)
  private made = false

  constructor(
    readonly dir: string,
    private readonly segmentMaxLines = 10_000,
  ) {
    this.pending = listSegments(dir)
  }

  /** true while any line is on disk and not yet taken for replay */
  get hasPending(): boolean {
    return this.pending.length > 0 || (this.active !== undefined && this.active.lines > 0)
  }

  /** segment files waiting (the active one included) */
  get pendingSegments(): readonly string[] {
    return this.active === undefined ? [...this.pending] : [...this.pending, this.active.path]
  }

  append(raw: string): void {
    const active = this.active ?? this.open()
    try {
      writeSync(active.fd, raw.endsWith('\n') ? raw : `${raw}\n`)
    } catch (error) {
      throw new SpoolWriteError(active.path, error)
    }
    active.lines++
    if (active.lines >= this.segmentMaxLines) this.seal()
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

  /** Reads the oldest segment for replay (sealing the active one when it is the only one). */
  takeNext(): LoadedSegment | undefined {
    if (this.pending.length === 0 && this.active !== undefined && this.active.lines > 0) this.seal()
    const path = this.pending.shift()
    if (path === undefined) return undefined
    return readSegment(path)
  }

  /** Every line of a taken segment is settled: delete it. */
  complete(path: string): void {
    try {
      unlinkSync(path)
    } catch {
      // already gone
    }
  }

  /** Part of a taken segment is still undelivered: keep only those lines and put it back first in line. */
  putBack(path: string, raws: readonly string[]): void {
    if (raws.length === 0) return this.complete(path)
    const tmp = `${path}.tmp`
    try {
      const fd = openSync(tmp, 'w')
      writeSync(fd, raws.map((r) => (r.endsWith('\n') ? r : `${r}\n`)).join(''))
      fsyncSync(fd)
      closeSync(fd)
      renameSync(tmp, path)
    } catch (error) {
      throw new SpoolWriteError(path, error)
    }
    this.pending.unshift(path)
  }

  close(): void {
    if (this.active === undefined) return
    this.sync()
    this.seal()
  }

  private open(): ActiveSegment {
    if (!this.made) {
      try {
        mkdirSync(this.dir, { recursive: true })
      } catch (error) {
        throw new SpoolWriteError(this.dir, error)
      }
      this.made = true
    }
    const name = `${String(Date.now()).padStart(14, '0')}-${String(this.counter++).padStart(6, '0')}-${this.tag}${SUFFIX}`
    const path = join(this.dir, name)
    try {
      this.active = { path, fd: openSync(path, 'a'), lines: 0 }
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
      // the data was written; a failed fsync on close leaves it to the OS
    }
    if (active.lines > 0) this.pending.push(active.path)
    else this.complete(active.path)
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
