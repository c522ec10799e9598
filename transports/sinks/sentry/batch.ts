/**
 * One batch of Sentry items -> one Outcome: events go concurrently (each waits
 * for a slot of the transport's window), check-ins one after the other in line
 * order (a run's in_progress reaches Sentry before its ok), and the batch's
 * outcome is the worst of its items' (combine.ts).
 */
import { setMaxListeners } from 'node:events'
import type { Event } from '@sentry/node'
import type { Outcome } from '../../worker/delivery/types.js'
import { worstOutcome } from './combine.js'
import type { SentryItem } from './encode.js'
import type { SentrySender } from './send.js'

const OK: Outcome = { type: 'ok' }

/** One item's outcome when it made two sends (a failed cron run: its check-in and its error event). */
function bothOf(a: Outcome, b: Outcome): Outcome {
  if (b.type === 'ok') return a
  if (a.type === 'ok') return b
  const worst = worstOutcome([a, b])
  return worst.type === 'reject' ? { type: 'reject', reason: worst.reason, ...(worst.loud ? { loud: true } : {}) } : worst
}

async function sendItems(sender: SentrySender, batch: readonly SentryItem[], signal: AbortSignal): Promise<Outcome> {
  const events = batch.map((item) =>
    item.type === 'event' || (item.type === 'check_in' && item.event !== undefined) ? sender.sendEvent(item.event as Event, signal) : Promise.resolve<Outcome>(OK),
  )
  const checkIns: Outcome[] = []
  for (const item of batch) checkIns.push(item.type === 'check_in' ? await sender.sendCheckIn(item.checkIn, signal) : OK)
  const outcomes = await Promise.all(events)
  return worstOutcome(outcomes.map((outcome, i) => bothOf(outcome, checkIns[i] ?? OK)))
}

/**
 * Every event listens for the abort while it waits for a slot and while it is in flight: on a
 * signal of the batch's own, so the caller's signal gets one listener however large the batch.
 */
export async function sendSentryBatch(sender: SentrySender, batch: readonly SentryItem[], parent: AbortSignal): Promise<Outcome> {
  const batchAbort = new AbortController()
  setMaxListeners(0, batchAbort.signal)
  const forward = (): void => batchAbort.abort()
  if (parent.aborted) batchAbort.abort()
  else parent.addEventListener('abort', forward, { once: true })
  try {
    return await sendItems(sender, batch, batchAbort.signal)
  } finally {
    parent.removeEventListener('abort', forward)
  }
}
