/**
 * The way from memory to disk for one destination: lines that could not be
 * delivered within the window, that overflow the queue, or that are still in
 * memory at a flush deadline or shutdown, written to the spool as one block.
 * The spool holds at most `spoolMaxBytes`; past it `whenFull` decides:
 * `drop_oldest` deletes the oldest segments, `drop_newest` refuses the new
 * lines, `block` holds them in memory up to `blockMs` for room to appear, then
 * drops them. A spool that cannot be written sends the lines to the
 * dead-letter file. Every line lost on the way is counted and reported.
 */
import type { WhenFull } from './defaults.js'
import type { Losses } from './losses.js'
import type { Entry } from './queue.js'
import type { Spool } from './spool.js'
import type { DestinationStats } from './stats.js'

export interface ToSpoolOptions {
  spoolMaxBytes: number
  whenFull: WhenFull
  blockMs: number
}

const FULL_ACTION = 'raise spoolMaxBytes, pick another whenFull, or bring the destination back'

export class ToSpool {
  private held: { entries: Entry[]; bytes: number; since: number }[] = []

  constructor(
    private readonly spool: Spool,
    private readonly options: ToSpoolOptions,
    private readonly stats: DestinationStats,
    private readonly losses: Losses,
    private readonly now: () => number,
  ) {}

  /** lines held in memory by `whenFull: block` */
  get heldLines(): number {
    return this.held.reduce((n, h) => n + h.entries.length, 0)
  }

  write(entries: Entry[]): void {
    if (entries.length === 0) return
    const bytes = entries.reduce((n, e) => n + e.raw.length + 1, 0)
    if (this.held.length > 0 || !this.makeRoom(bytes, entries)) {
      if (this.options.whenFull === 'block') this.held.push({ entries, bytes, since: this.now() })
      return
    }
    this.append(entries)
  }

  /** `block`: writes what now fits, drops what waited past `blockMs`. Returns true while lines are held. */
  retryHeld(force = false): boolean {
    while (this.held.length > 0) {
      const first = this.held[0] as { entries: Entry[]; bytes: number; since: number }
      if (this.spool.bytes + first.bytes <= this.options.spoolMaxBytes) {
        this.held.shift()
        this.append(first.entries)
        continue
      }
      if (!force && this.now() - first.since < this.options.blockMs) return true
      this.held.shift()
      this.losses.drop(first.entries, `the spool of this destination is full (${this.options.spoolMaxBytes} bytes) and stayed full for blockMs`, 'nowhere: the lines are lost', FULL_ACTION)
    }
    return false
  }

  /** Applies `whenFull`; true when the block may be written now. */
  private makeRoom(bytes: number, entries: Entry[]): boolean {
    const { spoolMaxBytes, whenFull } = this.options
    if (this.spool.bytes + bytes <= spoolMaxBytes) return true
    if (whenFull === 'block') return false
    if (whenFull === 'drop_newest') {
      this.losses.drop(entries, `the spool of this destination is full (${spoolMaxBytes} bytes); whenFull is drop_newest`, 'nowhere: the lines are lost', FULL_ACTION)
      return false
    }
    let dropped = 0
    while (this.spool.bytes + bytes > spoolMaxBytes) {
      const lines = this.spool.dropOldest()
      if (lines === 0 && !this.spool.hasPending) break
      dropped += lines
    }
    this.losses.drop(dropped, `the spool of this destination is full (${spoolMaxBytes} bytes); whenFull is drop_oldest: its oldest segments were deleted`, 'nowhere: the lines are lost', FULL_ACTION)
    if (this.spool.bytes + bytes <= spoolMaxBytes) return true
    this.losses.drop(entries, `the lines are larger than the whole spool (${spoolMaxBytes} bytes)`, 'nowhere: the lines are lost', FULL_ACTION)
    return false
  }

  private append(entries: Entry[]): void {
    try {
      this.spool.append(entries.map((e) => e.raw))
      this.stats.spooled += entries.length
    } catch (error) {
      this.losses.deadLetterAll(entries, `the spool cannot be written: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
