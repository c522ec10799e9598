/**
 * Windows in this process's memory: the same buckets as the Redis store, for
 * a process without Redis (each process then has its own windows) and for
 * tests with an injected clock.
 */
import { addToBins } from './histogram.js'
import type { WindowBatch, WindowSpec, WindowStore } from './store.js'
import { bucketStartOf, emptyFigures, windowStartOf, type WindowFigures } from './window.js'

interface Bucket {
  start: number
  figures: WindowFigures
}

export class MemoryWindowStore implements WindowStore {
  readonly shared = false
  private readonly windows = new Map<string, Bucket[]>()
  private readonly claims = new Map<string, number>()

  /** `now` only ages out claims; buckets follow the `time` each call passes */
  constructor(private readonly now: () => number = Date.now) {}

  async add(spec: WindowSpec, batch: WindowBatch, time: number): Promise<WindowFigures> {
    return this.addNow(spec, batch, time)
  }

  /** The synchronous core of `add`. */
  addNow(spec: WindowSpec, batch: WindowBatch, time: number): WindowFigures {
    const start = bucketStartOf(time, spec.windowMs)
    const oldest = windowStartOf(time, spec.windowMs)
    const buckets = (this.windows.get(spec.rule) ?? []).filter((b) => b.start >= oldest)
    let bucket = buckets.find((b) => b.start === start)
    if (bucket === undefined) {
      bucket = { start, figures: emptyFigures() }
      buckets.push(bucket)
    }
    this.windows.set(spec.rule, buckets)
    const f = bucket.figures
    f.count += batch.count
    f.sum += batch.sum
    if (batch.max > f.max) f.max = batch.max
    for (const [bin, n] of batch.bins) addToBins(f.bins, bin, n)

    const total = emptyFigures()
    for (const b of buckets) {
      if (b.start > start) continue
      total.count += b.figures.count
      total.sum += b.figures.sum
      if (b.figures.max > total.max) total.max = b.figures.max
      for (const [bin, n] of b.figures.bins) addToBins(total.bins, bin, n)
    }
    return total
  }

  async claim(rule: string, ttlMs: number): Promise<boolean> {
    const now = this.now()
    const until = this.claims.get(rule)
    if (until !== undefined && until > now) return false
    this.claims.set(rule, now + ttlMs)
    return true
  }

  async close(): Promise<void> {
    this.windows.clear()
    this.claims.clear()
  }
}
