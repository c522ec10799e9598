/**
 * Decodes what posthog-js sends from a browser to `<api_host>/e/` (or
 * `/i/v0/e/`): a JSON event or list of events, gzipped (`compression=gzip-js`
 * in the query, or gzip bytes), base64 in a `data=` form field (`compression=base64`), or
 * plain JSON.
 */
import { gunzipSync } from 'node:zlib'
import type { ReceivedRequest } from '../support/http-receiver.js'

export interface PostHogJsEvent {
  event: string
  uuid?: string
  properties: Record<string, unknown> & { distinct_id?: string; token?: string }
  [key: string]: unknown
}

function decodeBody(req: ReceivedRequest): unknown {
  const query = new URL(req.url, 'http://receiver').searchParams
  const compression = query.get('compression')
  const gzipped = req.body[0] === 0x1f && req.body[1] === 0x8b
  if (compression === 'gzip-js' || gzipped) return JSON.parse(gunzipSync(req.body).toString('utf8'))
  if (compression === 'base64' || req.text.startsWith('data=')) {
    const data = new URLSearchParams(req.text).get('data') ?? ''
    return JSON.parse(Buffer.from(data, 'base64').toString('utf8'))
  }
  return JSON.parse(req.text)
}

export function isCaptureRequest(req: ReceivedRequest): boolean {
  return req.method === 'POST' && /^\/(i\/v0\/)?e\/?(\?|$)/.test(req.url)
}

/** Every event posthog-js captured, in arrival order. */
export function posthogJsEvents(requests: readonly ReceivedRequest[]): PostHogJsEvent[] {
  return requests.filter(isCaptureRequest).flatMap((req) => {
    const body = decodeBody(req)
    const list = Array.isArray(body) ? body : (body as { batch?: unknown }).batch ?? [body]
    return list as PostHogJsEvent[]
  })
}
