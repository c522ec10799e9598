/**
 * One batch through encode -> retry(timeout(send)): each line ends delivered,
 * dead-lettered (encode failure, refusal) or, when the attempt is aborted,
 * handed back undelivered for the spool.
 */
import type { Level } from '../../../schema/compiled.js'
import { DeliveryAbortedError } from './errors.js'
import { deliverWithRetry, type RetryPolicy } from './retry.js'
import { sleep } from './sleep.js'
import type { DestinationStats } from './stats.js'
import type { SendFn } from './timeout.js'
import type { LogLine, Sink } from './types.js'

export interface Entry {
  raw: string
  line: LogLine
  /** > 0: accepted in this run, tracked by flush; 0: replayed from the spool */
  seq: number
  /** the spool segment this entry was replayed from */
  segment?: string
}

export interface BatchDelivery {
  destination: string
  sink: Sink
  /** the sink's send wrapped with its timeout */
  send: SendFn<unknown>
  policy: RetryPolicy
  random: () => number
  stats: DestinationStats
  /** a line reached the destination */
  delivered(entry: Entry): void
  /** lines refused for good: dead-letter them */
  reject(entries: Entry[], reason: string): void
  /** an account-level refusal (402/403) */
  loud(reason: string): void
  report(level: Level, msg: string, fields?: Record<string, unknown>): void
}

/** Returns the entries left undelivered when `signal` aborted the attempt (empty otherwise). */
export async function deliverBatch(batch: Entry[], d: BatchDelivery, signal: AbortSignal): Promise<Entry[]> {
  const settled = new Array<boolean>(batch.length).fill(false)
  const items: unknown[] = []
  const indexes: number[] = []
  for (let i = 0; i < batch.length; i++) {
    const entry = batch[i] as Entry
    try {
      items.push(d.sink.encode(entry.line))
      indexes.push(i)
    } catch (error) {
      settled[i] = true
      d.reject([entry], `encode failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  if (items.length === 0) return []
  try {
    await deliverWithRetry(
      items,
      indexes,
      {
        destination: d.destination,
        send: d.send,
        policy: d.policy,
        random: d.random,
        sleep: (ms, s) => sleep(ms, s, d.destination),
        onDelivered: (done) => {
          for (const i of done) {
            settled[i] = true
            d.delivered(batch[i] as Entry)
          }
          d.stats.delivered += done.length
        },
        onRejected: (refused, reason, loud) => {
          for (const i of refused) settled[i] = true
          if (loud) {
            d.stats.loudRejects++
            d.loud(reason)
          }
          d.reject(
            refused.map((i) => batch[i] as Entry),
            reason,
          )
        },
        onRetry: () => {
          d.stats.retried++
        },
      },
      signal,
    )
    return []
  } catch (error) {
    if (!(error instanceof DeliveryAbortedError)) {
      d.report('error', `delivery to "${d.destination}" failed unexpectedly; the batch is spooled`, { destination: d.destination, error: String(error) })
    }
    return batch.filter((_, i) => !settled[i])
  }
}
