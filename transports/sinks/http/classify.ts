/**
 * One HTTP answer -> the delivery layer's Outcome. Shared by every sink that
 * POSTs over HTTP, so that they all treat status codes alike:
 * 2xx ok; 408, 5xx and network failures retry; 429 (and 503) with a readable
 * Retry-After wait that long; 413 split; 401/402/403 reject loudly (token,
 * quota, plan); any other 4xx (or an unfollowed 3xx) reject.
 */
import type { Outcome } from '../../worker/delivery/types.js'
import { parseRetryAfter } from './retry-after.js'

/** `Headers` from fetch, or a plain record (header names in lower case). */
export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | undefined>>

export interface ClassifyOptions {
  /** response body, quoted (shortened) in the reason */
  body?: string
  /** clock for HTTP-date Retry-After values */
  now?: number
}

const LOUD = new Set([401, 402, 403])
const BODY_EXCERPT = 200

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined
  }
  return (headers as Readonly<Record<string, string | undefined>>)[name.toLowerCase()]
}

function describe(status: number, body: string | undefined): string {
  const text = body?.trim()
  if (!text) return `HTTP ${status}`
  const excerpt = text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}…` : text
  return `HTTP ${status}: ${excerpt}`
}

export function classifyHttpResponse(status: number, headers: HeaderSource, options: ClassifyOptions = {}): Outcome {
  const reason = describe(status, options.body)
  if (status >= 200 && status < 300) return { type: 'ok' }
  if (status === 429 || status === 503) {
    const ms = parseRetryAfter(header(headers, 'retry-after'), options.now)
    if (ms !== undefined) return { type: 'retryAfter', ms, reason }
    return { type: 'retry', reason }
  }
  if (status === 408 || status >= 500) return { type: 'retry', reason }
  if (status === 413) return { type: 'split', reason }
  if (LOUD.has(status)) return { type: 'reject', reason, loud: true }
  return { type: 'reject', reason }
}

/** A request that never got an answer (refused, reset, DNS, timed out): always transient. */
export function classifyNetworkError(error: unknown, signal?: AbortSignal): Outcome {
  if (signal?.aborted) return { type: 'retry', reason: 'request aborted before the destination answered (timeout)' }
  const err = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } }
  const cause = err.cause
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
  const message = typeof cause?.message === 'string' ? cause.message : typeof err.message === 'string' ? err.message : String(error)
  return { type: 'retry', reason: `network error${code}: ${message}` }
}
