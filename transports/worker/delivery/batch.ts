/**
 * Batching: a batch is due when the queue holds the sink's `maxItems` lines
 * or `maxBytes` bytes, when its oldest line has waited `lingerMs`, or at once
 * when a flush asks for it. A cut batch holds at most those limits, and at
 * least one line.
 */
import type { ByteQueue, Entry } from './queue.js'

export interface BatchLimits {
  maxItems: number
  maxBytes: number
  lingerMs: number
}

/** Milliseconds until a batch is due: 0 when it is due now, undefined when the queue is empty. */
export function batchDueIn(queue: ByteQueue, now: number, limits: BatchLimits, urgent: boolean): number | undefined {
  const oldestAt = queue.oldestAt
  if (oldestAt === undefined) return undefined
  if (urgent || queue.length >= limits.maxItems || queue.bytes >= limits.maxBytes) return 0
  return Math.max(0, oldestAt + limits.lingerMs - now)
}

/** Takes the next batch from the front of the queue. */
export function cutBatch(queue: ByteQueue, limits: Pick<BatchLimits, 'maxItems' | 'maxBytes'>): Entry[] {
  const batch: Entry[] = []
  let bytes = 0
  for (;;) {
    const next = queue.peek()
    if (next === undefined || batch.length >= limits.maxItems) break
    if (batch.length > 0 && bytes + next.raw.length > limits.maxBytes) break
    batch.push(queue.shift() as Entry)
    bytes += next.raw.length
  }
  return batch
}
