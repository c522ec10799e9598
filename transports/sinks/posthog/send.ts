/**
 * Sending a batch with the real posthog-node client. Each batch gets a client
 * of its own (queue sized to the batch, no flush timer, no SDK retries), so
 * concurrent batches never share a queue and a failed batch leaves nothing
 * behind to be re-sent by a later flush. The client's `fetch` option is
 * wrapped to see each request's status and headers (or network error), which
 * are classified into the delivery layer's Outcome after `flush()`.
 */
import { PostHog, type PostHogOptions } from 'posthog-node'
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError } from '../http/index.js'
import type { PosthogItem } from './encode.js'

type PosthogFetch = NonNullable<PostHogOptions['fetch']>
type FetchResponse = Awaited<ReturnType<PosthogFetch>>

export interface PosthogSenderOptions {
  apiKey: string
  host: string
  timeoutMs: number
  /** defaults to the global fetch */
  fetch?: typeof globalThis.fetch
}

/** What the last request of a flush came to. */
type Seen = { status: number; headers: Record<string, string> } | { error: unknown }

function headerRecord(response: FetchResponse): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of ['retry-after', 'x-ratelimit-reset']) {
    const value = response.headers?.get(name)
    if (value) out[name] = value
  }
  return out
}

export function classifyPosthogAnswer(seen: Seen | undefined, batchSize: number, signal?: AbortSignal): Outcome {
  if (!seen) return { type: 'retry', reason: 'PostHog flush failed before any request was sent' }
  if ('error' in seen) return classifyNetworkError(seen.error, signal)
  const outcome = classifyHttpResponse(seen.status, seen.headers)
  if (outcome.type === 'split' && batchSize <= 1) return { type: 'reject', reason: `${outcome.reason}: a single event is larger than PostHog accepts` }
  if (outcome.type === 'reject' && outcome.loud) {
    return { ...outcome, reason: `${outcome.reason}: PostHog refused the project API key; check apiKey and host (US or EU cloud)` }
  }
  return outcome
}

/**
 * One item -> client calls. `$identify` and `$create_alias` go through
 * `capture` with the same wire shape `identify()` / `alias()` produce, because
 * only `capture` takes the uuid and timestamp that make a retry idempotent.
 */
function replay(client: PostHog, item: PosthogItem): void {
  const { capture, identify } = item
  client.capture({
    event: capture.event,
    distinctId: capture.distinctId,
    properties: capture.properties,
    uuid: capture.uuid,
    timestamp: new Date(capture.timestamp),
  })
  if (identify) {
    client.capture({
      event: '$identify',
      distinctId: identify.distinctId,
      properties: { $set: identify.properties, $set_once: {} },
      uuid: identify.uuid,
      timestamp: new Date(identify.timestamp),
    })
  }
  for (const alias of item.alias ?? []) {
    client.capture({
      event: '$create_alias',
      distinctId: alias.distinctId,
      properties: { distinct_id: alias.distinctId, alias: alias.alias },
      uuid: alias.uuid,
      timestamp: new Date(alias.timestamp),
    })
  }
}

export class PosthogSender {
  readonly #options: PosthogSenderOptions
  readonly #inFlight = new Set<Promise<Outcome>>()

  constructor(options: PosthogSenderOptions) {
    this.#options = options
  }

  send(batch: readonly PosthogItem[], signal?: AbortSignal): Promise<Outcome> {
    const pending = this.#send(batch, signal)
    this.#inFlight.add(pending)
    void pending.finally(() => this.#inFlight.delete(pending))
    return pending
  }

  async #send(batch: readonly PosthogItem[], signal?: AbortSignal): Promise<Outcome> {
    if (batch.length === 0) return { type: 'ok' }
    if (signal?.aborted) return { type: 'retry', reason: 'aborted before sending (timeout)' }
    const messages = batch.reduce((n, item) => n + 1 + (item.identify ? 1 : 0) + (item.alias?.length ?? 0), 0)
    const baseFetch = this.#options.fetch ?? globalThis.fetch
    let seen: Seen | undefined
    let tooLarge: FetchResponse | undefined
    const observed: PosthogFetch = async (url, init) => {
      // the SDK halves a batch itself on 413; answer its retries at once so that splitting stays with the delivery layer
      if (tooLarge) return tooLarge
      const signals = [init.signal, signal].filter((s): s is AbortSignal => s !== undefined)
      try {
        const response = await baseFetch(url, { ...init, signal: signals.length > 0 ? AbortSignal.any(signals) : null } as RequestInit)
        seen = { status: response.status, headers: headerRecord(response) }
        if (response.status === 413) tooLarge = response
        return response
      } catch (error) {
        seen = { error }
        throw error
      }
    }
    const client = new PostHog(this.#options.apiKey, {
      host: this.#options.host,
      flushAt: messages + 1,
      maxBatchSize: messages + 1,
      maxQueueSize: messages + 1,
      flushInterval: 0,
      fetchRetryCount: 0,
      requestTimeout: this.#options.timeoutMs,
      preloadFeatureFlags: false,
      enableExceptionAutocapture: false,
      fetch: observed,
    })
    for (const item of batch) replay(client, item)
    try {
      await client.flush()
    } catch {
      return classifyPosthogAnswer(seen, batch.length, signal)
    }
    // a clean flush leaves nothing queued; shutdown only releases the client
    await client.shutdown(this.#options.timeoutMs)
    return seen ? classifyPosthogAnswer(seen, batch.length, signal) : { type: 'ok' }
  }

  /** Waits for the batches in flight; each client is already released when its send settles. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#inFlight])
  }
}
