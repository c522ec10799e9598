/**
 * POST a JSON body with the global (or an injected) fetch, optionally gzipped.
 * Resolves with the answer whatever its status; rejects only when no answer
 * came (network failure, abort). `sendJson` wraps both into an Outcome.
 */
import { promisify } from 'node:util'
import { gzip as gzipCallback } from 'node:zlib'
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError } from './classify.js'

const gzip = promisify(gzipCallback)

export type Fetch = typeof globalThis.fetch

export interface PostOptions {
  headers?: Record<string, string>
  /** compress the body and send `Content-Encoding: gzip` */
  gzip?: boolean
  signal?: AbortSignal
  /** defaults to the global fetch */
  fetch?: Fetch
}

export interface HttpReply {
  status: number
  headers: Headers
  text: string
}

export async function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<HttpReply> {
  const json = JSON.stringify(body)
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  let payload: string | Buffer = json
  if (options.gzip) {
    payload = await gzip(json)
    headers['content-encoding'] = 'gzip'
  }
  const doFetch = options.fetch ?? globalThis.fetch
  const init: RequestInit = { method: 'POST', headers, body: payload }
  if (options.signal) init.signal = options.signal
  const response = await doFetch(url, init)
  const text = await response.text()
  return { status: response.status, headers: response.headers, text }
}

export interface SentJson {
  outcome: Outcome
  /** absent when no answer came */
  reply?: HttpReply
}

/** postJson + classification: the common case of a sink's `send`. */
export async function sendJson(url: string, body: unknown, options: PostOptions = {}): Promise<SentJson> {
  let reply: HttpReply
  try {
    reply = await postJson(url, body, options)
  } catch (error) {
    return { outcome: classifyNetworkError(error, options.signal) }
  }
  return { outcome: classifyHttpResponse(reply.status, reply.headers, { body: reply.text }), reply }
}
