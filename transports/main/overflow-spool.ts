/**
 * Main-thread overflow: when the worker falls behind and more than the cap is
 * buffered in the application's thread, further lines are appended straight
 * to `<spoolDir>/_incoming/` segments (synchronous writes, never dropped).
 * The worker routes them once it catches up, or on the next start.
 */
import { join } from 'node:path'
import { Spool } from '../worker/delivery/spool.js'
import { INCOMING_DIR } from '../options.js'

export class MainSpool {
  private readonly spool: Spool
  private current: number = 0
  /** lines written here since the transport opened */
  spooled = 0
  /** lines that could not even be spooled (disk full, unwritable dir) */
  dropped = 0

  constructor(spoolRoot: string) {
    this.spool = new Spool(join(spoolRoot, INCOMING_DIR))
  }

  /** lines in the segment being written */
  get open(): number {
    return this.current
  }

  append(chunk: string): void {
    try {
      this.spool.append(chunk)
      this.spooled++
      this.current++
    } catch {
      this.dropped++
    }
  }

  sync(): void {
    try {
      this.spool.sync()
    } catch {
      // counted when the next append fails
    }
  }

  /** Seals the segment being written; returns its path for the worker to ingest. */
  seal(): string | undefined {
    if (this.current === 0) return undefined
    this.current = 0
    const segment = this.spool.takeNext()
    return segment?.path
  }

  close(): void {
    this.spool.close()
  }
}
