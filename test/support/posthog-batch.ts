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
