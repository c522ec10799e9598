/**
 * Spool replay of one destination: reads the oldest segment back and hands
 * its lines out in batches beside the fresh lines from memory (so order per
 * destination is not kept across an outage). The segment is deleted once
 * every line in it is settled; lines that did not go are written back into
 * it, first in line for the next try.
 */
import { cutBatch } from './batch.js'
import { ByteQueue, type Entry } from './queue.js'
import type { Spool } from './spool.js'
import type { DestinationStats } from './stats.js'
import type { LogLine } from './types.js'

interface Loaded {
  path: string
  waiting: ByteQueue
  /** lines handed out and not yet settled */
  outstanding: number
  /** raw lines to write back */
  back: string[]
}

export class SpoolReplay {
  private loaded: Loaded | undefined

  constructor(
    private readonly spool: Spool,
    private readonly stats: DestinationStats,
    private readonly toLine: (value: Record<string, unknown>) => LogLine,
    private readonly onError: (error: unknown, path: string) => void,
    private readonly now: () => number,
    /** a line that already went by another way (a copy spooled while its send hung, then delivered): skipped */
    private readonly alreadySettled: (line: LogLine) => boolean = () => false,
  ) {}

  /** lines on disk or read back and not yet delivered */
  get pending(): number {
    return this.spool.lines
  }

  /** true when nothing is on disk or being replayed */
  get empty(): boolean {
    return this.loaded === undefined && !this.spool.hasPending
  }

  /** The next batch of spooled lines, or undefined when there is none to hand out now. */
  next(limits: { maxItems: number; maxBytes: number }): Entry[] | undefined {
    if (this.loaded === undefined && !this.load()) return undefined
    const loaded = this.loaded as Loaded
    if (loaded.waiting.length === 0) return undefined
    const batch = cutBatch(loaded.waiting, limits)
    loaded.outstanding += batch.length
    return batch
  }

  /** Lines of a replayed batch that were delivered or dead-lettered. */
  settled(count: number): void {
    const loaded = this.loaded
    if (loaded === undefined) return
    loaded.outstanding -= count
    this.finishIfDone()
  }

  /** Lines of a replayed batch that did not go: kept, and the rest of the segment waits for the next try. */
  undelivered(entries: readonly Entry[]): void {
    const loaded = this.loaded
    if (loaded === undefined) return
    loaded.outstanding -= entries.length
    loaded.back.push(...entries.map((e) => e.raw))
    this.release()
  }

  /** Stops handing out the loaded segment: what was not handed out goes back to disk once nothing is in flight. */
  release(): void {
    const loaded = this.loaded
    if (loaded === undefined) return
    loaded.back.push(...loaded.waiting.drain().map((e) => e.raw))
    this.finishIfDone()
  }

  private load(): boolean {
    for (;;) {
      const segment = this.spool.takeNext()
      if (segment === undefined) return false
      this.stats.torn += segment.torn
      const waiting = new ByteQueue(Number.POSITIVE_INFINITY)
      const at = this.now()
      for (const e of segment.entries) {
        const line = this.toLine(e.value)
        if (!this.alreadySettled(line)) waiting.offer({ raw: e.raw, head: line, line, seq: 0, at, segment: segment.path })
      }
      if (waiting.length === 0) {
        this.spool.complete(segment.path)
        continue
      }
      this.stats.replayed += waiting.length
      this.loaded = { path: segment.path, waiting, outstanding: 0, back: [] }
      return true
    }
  }

  private finishIfDone(): void {
    const loaded = this.loaded
    if (loaded === undefined || loaded.outstanding > 0 || loaded.waiting.length > 0) return
    this.loaded = undefined
    if (loaded.back.length === 0) return this.spool.complete(loaded.path)
    this.stats.replayed -= loaded.back.length
    try {
      this.spool.putBack(loaded.path, loaded.back)
    } catch (error) {
      // the segment is still on disk whole: it is replayed whole next time (at least once)
      this.onError(error, loaded.path)
    }
  }
}
