/**
 * POST each message to the webhook, one request per message (an incoming webhook
 * takes one). Slack answers 200 `ok`; 404 (`no_service`, `channel_not_found`) and
 * 410 (`channel_is_archived`) mean the webhook or its channel is gone: loud.
 */
import type { Outcome } from '../../worker/delivery/types.js'
import { sendJson, type Fetch } from '../http/post.js'
import type { SlackSettings } from './config.js'
import type { SlackMessage } from './template.js'

const GONE = new Set([404, 410])

async function sendOne(settings: SlackSettings, message: SlackMessage, signal: AbortSignal, fetch?: Fetch): Promise<Outcome> {
  const { outcome, reply } = await sendJson(settings.webhookUrl, message, { signal, ...(fetch ? { fetch } : {}) })
  if (outcome.type === 'reject' && reply && GONE.has(reply.status)) return { ...outcome, loud: true }
  return outcome
}

/**
 * Messages go in order. A rejected message is named in `items` and the others still go;
 * a retry, wait or split stops the batch there and is returned as is. Messages already
 * posted are remembered in `posted` (by identity), so when the delivery layer sends the
 * same items again after a partial failure, none is posted twice.
 */
export async function sendSlackBatch(
  settings: SlackSettings,
  batch: readonly (SlackMessage | null)[],
  signal: AbortSignal,
  posted: WeakSet<SlackMessage>,
  fetch?: Fetch,
): Promise<Outcome> {
  const rejected: number[] = []
  const reasons: string[] = []
  let loud = false
  for (const [index, message] of batch.entries()) {
    if (message === null || posted.has(message)) continue
    const outcome = await sendOne(settings, message, signal, fetch)
    if (outcome.type === 'ok') {
      posted.add(message)
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
