/**
 * One-off POST of a JSON value, for callers that send rarely (no agent kept).
 * Sinks that send batches keep an `HttpTarget` (client.ts) per destination instead.
 */
import { createHttpTarget, type HttpReply, type PostOptions, type SentBody } from './client.js'

export type { HttpReply, PostOptions, SentBody } from './client.js'

export async function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<HttpReply> {
  const target = createHttpTarget(url, { maxSockets: 1 })
  try {
    return await target.post(JSON.stringify(body), options)
  } finally {
    target.close()
  }
}

/** postJson + classification. */
export async function sendJson(url: string, body: unknown, options: PostOptions = {}): Promise<SentBody> {
  const target = createHttpTarget(url, { maxSockets: 1 })
  try {
    return await target.send(JSON.stringify(body), options)
  } finally {
    target.close()
  }
}
