/**
 * What PostHog answered -> the delivery layer's Outcome. The v1 endpoint answers
 * each event in a 2xx body, `{ "results": { "<uuid>": { "result": "ok" | "warning" |
 * "drop" | "retry", "details"? } } }` (a uuid left out, or an unknown result, is taken);
 * `readV1Results` sorts a batch's items by it.
 */
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError, type HttpReply } from '../http/index.js'
import type { PosthogWireItem } from './wire.js'

export function classifyPosthogAnswer(reply: HttpReply | { error: unknown }, batchSize: number, signal?: AbortSignal): Outcome {
  if ('error' in reply) return classifyNetworkError(reply.error, signal)
  const outcome = classifyHttpResponse(reply.status, reply.headers, { body: reply.text })
  if (outcome.type === 'split' && batchSize <= 1) return { type: 'reject', reason: `${outcome.reason}: a single event is larger than PostHog accepts` }
  if (outcome.type === 'reject' && outcome.loud) {
    return { ...outcome, reason: `${outcome.reason}: PostHog refused the project API key; check apiKey and host (US or EU cloud)` }
  }
  return outcome
}

export interface V1Results {
  /** indexes (in the items given) of items with a dropped message, and why */
  dropped: { index: number; details: string }[]
  /** indexes of items with a message to send again (and none dropped) */
  retry: number[]
}

interface V1EventResult {
  result?: unknown
  details?: unknown
}

/** Undefined when the body is not the v1 answer shape. */
export function readV1Results(text: string, items: readonly PosthogWireItem[]): V1Results | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined
  const results = (body as { results?: unknown }).results ?? {}
  if (results === null || typeof results !== 'object' || Array.isArray(results)) return undefined
  const byUuid = results as Record<string, V1EventResult | undefined>
  const out: V1Results = { dropped: [], retry: [] }
  items.forEach((item, index) => {
    const answers = item.uuids.map((uuid) => byUuid[uuid])
    const drop = answers.find((a) => a?.result === 'drop')
    if (drop) out.dropped.push({ index, details: typeof drop.details === 'string' ? drop.details : 'dropped' })
    else if (answers.some((a) => a?.result === 'retry')) out.retry.push(index)
  })
  return out
}
