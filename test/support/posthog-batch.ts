/**
 * Decodes what posthog-node POSTs to `<host>/batch/`: `{ api_key, batch: [...], sent_at }`
 * (the HTTP receiver has already gunzipped the body).
 */
import type { ReceivedRequest } from './http-receiver.js'

export interface PosthogMessage {
  event: string
  distinct_id: string
  properties: Record<string, unknown>
  uuid?: string
  timestamp?: string
  type?: string
  [key: string]: unknown
}

export interface PosthogBatch {
  api_key: string
  batch: PosthogMessage[]
  sent_at?: string
}

export function parsePosthogBatch(req: ReceivedRequest): PosthogBatch {
  const body = req.json as Partial<PosthogBatch> | undefined
  if (!body || typeof body.api_key !== 'string' || !Array.isArray(body.batch)) {
    throw new Error(`not a PostHog batch (${req.method} ${req.url}): ${req.text.slice(0, 200)}`)
  }
  return body as PosthogBatch
}

/** Every message of every `/batch/` request, in arrival order. */
export function posthogMessages(requests: readonly ReceivedRequest[]): PosthogMessage[] {
  return requests.filter((req) => req.url.startsWith('/batch')).flatMap((req) => parsePosthogBatch(req).batch)
}

/** The v1 capture body: `{ created_at, batch: [{ event, uuid, distinct_id, timestamp, options, properties }] }`. */
export interface PosthogV1Batch {
  created_at: string
  batch: (PosthogMessage & { options: Record<string, unknown> })[]
}

export function parsePosthogV1Batch(req: ReceivedRequest): PosthogV1Batch {
  const body = req.json as Partial<PosthogV1Batch> | undefined
  if (!body || typeof body.created_at !== 'string' || !Array.isArray(body.batch) || 'api_key' in body) {
    throw new Error(`not a PostHog v1 batch (${req.method} ${req.url}): ${req.text.slice(0, 200)}`)
  }
  for (const event of body.batch) if (typeof event.options !== 'object') throw new Error(`v1 event ${String(event.uuid)} has no options object`)
  return body as PosthogV1Batch
}
