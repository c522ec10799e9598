/**
 * Batching: a batch is cut when the queue holds `maxItems` lines or
 * `maxBytes` bytes, when the oldest line has waited `intervalMs`, or at once
 * when a flush asks for it.
 */
import type { BoundedQueue } from './queue.js'

export interface BatchLimits {
  maxItems: number
  maxBytes: number
  intervalMs: number
}

export const DEFAULT_BATCH: BatchLimits = { maxItems: 100, maxBytes: 1_000_000, intervalMs: 1000 }

/** Milliseconds until a batch is due: 0 when it is due now, undefined when the queue is empty. */
export function batchDueIn(
  queue: { length: number; bytes: number },
  oldestAt: number,
  now: number,
  limits: BatchLimits,
  urgent: boolean,
): number | undefined {
  if (queue.length === 0) return undefined
  if (urgent || queue.length >= limits.maxItems || queue.bytes >= limits.maxBytes) return 0
  return Math.max(0, oldestAt + limits.intervalMs - now)
}

/** Takes the next batch: at most maxItems and maxBytes, but always at least one line. */
export function cutBatch<T>(queue: BoundedQueue<T>, limits: BatchLimits, sizeOf: (item: T) => number): T[] {
  const batch: T[] = []
  let bytes = 0
  for (;;) {
    const next = queue.peek()
    if (next === undefined || batch.length >= limits.maxItems) break
    const size = sizeOf(next)
    if (batch.length > 0 && bytes + size > limits.maxBytes) break
    batch.push(queue.shift() as T)
    bytes += size
  }
  return batch
}
