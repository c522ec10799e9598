/**
 * Main-thread overflow: when the worker falls behind and more than the cap
 * is buffered in the application's thread, further lines are collected here
 * and written to a `<spoolDir>/_incoming/` segment in blocks (one write per
 * `blockBytes`, and whatever is collected every `windowMs`, never one write
 * per line). `seal()` writes the rest, closes the segment and returns it for
 * the worker to ingest. A line that cannot be written is counted and
 * reported at once.
 */
import { join } from 'node:path'
import { Spool } from '../worker/delivery/spool.js'
import { INCOMING_DIR } from '../options.js'

const BLOCK_BYTES = 64 * 1024

export class MainSpool {
  private readonly spool: Spool
  private block: string[] = []
  private blockBytes = 0
  private inSegment = 0
  private timer: NodeJS.Timeout | undefined
  /** lines collected here since the transport opened */
  spooled = 0
  /** lines that could not be written (disk full, unwritable dir) */
  dropped = 0

  constructor(
    spoolRoot: string,
    private readonly windowMs: number,
    private readonly onDropped: (count: number, path: string, error: unknown) => void,
  ) {
    this.spool = new Spool(join(spoolRoot, INCOMING_DIR))
  }

  get dir(): string {
    return this.spool.dir
  }

  append(chunk: string): void {
    const line = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk
    this.block.push(line)
    this.blockBytes += line.length
    this.spooled++
    if (this.blockBytes >= BLOCK_BYTES) this.writeBlock()
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.writeBlock(), this.windowMs)
      this.timer.unref()
    }
  }

  /** Writes the rest and seals the segment; returns the sealed segments for the worker to ingest. */
  seal(): string[] {
    this.writeBlock()
    if (this.inSegment === 0) return []
    this.inSegment = 0
    return this.spool.handOver()
  }

  close(): void {
    this.writeBlock()
    try {
      this.spool.close()
    } catch (error) {
      this.onDropped(0, this.spool.dir, error)
    }
  }

  private writeBlock(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.block.length === 0) return
    const lines = this.block
    this.block = []
    this.blockBytes = 0
    try {
      this.spool.append(lines)
      this.inSegment += lines.length
    } catch (error) {
      this.dropped += lines.length
      this.onDropped(lines.length, this.spool.dir, error)
    }
  }
}
