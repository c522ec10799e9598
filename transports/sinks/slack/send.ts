/**
 * POST each message to the webhook, one request per message (an incoming webhook
 * takes one). Slack answers 200 `ok`; 404 (`no_service`, `channel_not_found`) and
 * 410 (`channel_is_archived`) mean the webhook or its channel is gone: loud.
 * A 429 asks for a wait (Retry-After): the sink keeps the end of that wait and
 * answers every send before then with the time left, without a request, so a
 * wait longer than any cap of the delivery layer is still honoured in full.
 */
import type { Outcome } from '../../worker/delivery/types.js'
import type { HttpTarget } from '../http/client.js'
import type { SlackMessage } from './template.js'

const GONE = new Set([404, 410])

export interface SlackPoster {
  target: HttpTarget
  /** messages already posted (by identity): a batch sent again after a partial failure posts none twice */
  posted: WeakSet<SlackMessage>
  now: () => number
  /** Slack asked us to wait until then (ms since epoch) */
  waitUntil: number
}

async function sendOne(poster: SlackPoster, message: SlackMessage, signal: AbortSignal): Promise<Outcome> {
  const { outcome, reply } = await poster.target.send(JSON.stringify(message), { signal })
  if (outcome.type === 'retryAfter') poster.waitUntil = Math.max(poster.waitUntil, poster.now() + outcome.ms)
  if (outcome.type === 'reject' && reply && GONE.has(reply.status)) return { ...outcome, loud: true }
  return outcome
}

/**
 * Messages go in order. A rejected message is named in `items` and the others still go;
 * a retry, wait or split stops the batch there and is returned as is.
 */
export async function sendSlackBatch(poster: SlackPoster, batch: readonly (SlackMessage | null)[], signal: AbortSignal): Promise<Outcome> {
  const left = poster.waitUntil - poster.now()
  if (left > 0) return { type: 'retryAfter', ms: left, reason: `Slack asked to wait (Retry-After); ${Math.ceil(left / 1000)} s left` }
  const rejected: number[] = []
  const reasons: string[] = []
  let loud = false
  for (const [index, message] of batch.entries()) {
    if (message === null || poster.posted.has(message)) continue
    const outcome = await sendOne(poster, message, signal)
    if (outcome.type === 'ok') {
      poster.posted.add(message)
      continue
    }
    if (outcome.type !== 'reject') return outcome
    rejected.push(index)
    reasons.push(outcome.reason)
    loud ||= outcome.loud === true
  }
  if (rejected.length === 0) return { type: 'ok' }
  const reason = [...new Set(reasons)].join('; ')
  const items = rejected.length === batch.length ? {} : { items: rejected }
  return { type: 'reject', reason, ...items, ...(loud ? { loud: true } : {}) }
}
