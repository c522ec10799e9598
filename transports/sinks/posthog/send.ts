/**
 * Posting a batch to PostHog's capture endpoint directly: the body is the
 * messages' JSON texts joined (built at encode time), over one keep-alive
 * agent for the destination. No SDK client, no queue of its own: what was
 * sent and what came back is this send's alone.
 * v0 posts `{ api_key, batch, sent_at }` to `/batch/` and reads one answer for the batch.
 * v1 posts `{ created_at, batch }` to `/i/v1/analytics/events` and reads each event's
 * result: dropped events are rejected by index, events PostHog asks to retry are sent
 * again alone (up to V1_RESENDS times), and any still pending make the batch a retry
 * (PostHog dedups on uuid, so the events it took are not counted twice).
 */
import type { Outcome } from '../../worker/delivery/types.js'
import { createHttpTarget, jsonBody, type HttpReply, type HttpTarget } from '../http/index.js'
import { classifyPosthogAnswer, readV1Results } from './answer.js'
import { V1_RESENDS } from './config.js'
import { LIBRARY, type CaptureMode, type PosthogWireItem } from './wire.js'

export interface PosthogSenderOptions {
  apiKey: string
  host: string
  timeoutMs: number
  captureMode: CaptureMode
  /** sockets kept for the destination (one per request in flight) */
  maxSockets: number
}

const PATHS: Readonly<Record<CaptureMode, string>> = { v0: '/batch/', v1: '/i/v1/analytics/events' }

const texts = (items: readonly PosthogWireItem[]): string[] => items.map((item) => item.json)

export class PosthogSender {
  readonly #options: PosthogSenderOptions
  readonly #target: HttpTarget

  constructor(options: PosthogSenderOptions) {
    this.#options = options
    this.#target = createHttpTarget(`${options.host.replace(/\/+$/, '')}${PATHS[options.captureMode]}`, { maxSockets: options.maxSockets })
  }

  send(batch: readonly PosthogWireItem[], signal: AbortSignal): Promise<Outcome> {
    if (batch.length === 0) return Promise.resolve({ type: 'ok' })
    return this.#options.captureMode === 'v1' ? this.#sendV1(batch, signal) : this.#sendV0(batch, signal)
  }

  async #post(body: Buffer, headers: Record<string, string>, signal: AbortSignal): Promise<HttpReply | { error: unknown; signal: AbortSignal }> {
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(this.#options.timeoutMs)])
    try {
      return await this.#target.post(body, { headers, gzip: true, signal: bounded })
    } catch (error) {
      return { error, signal: bounded }
    }
  }

  async #sendV0(batch: readonly PosthogWireItem[], signal: AbortSignal): Promise<Outcome> {
    const body = jsonBody(texts(batch), `{"api_key":${JSON.stringify(this.#options.apiKey)},"batch":[`, `],"sent_at":${JSON.stringify(new Date().toISOString())}}`)
    const reply = await this.#post(body, {}, signal)
    return 'error' in reply ? classifyPosthogAnswer(reply, batch.length, reply.signal) : classifyPosthogAnswer(reply, batch.length)
  }

  async #sendV1(batch: readonly PosthogWireItem[], signal: AbortSignal): Promise<Outcome> {
    const dropped: { index: number; details: string }[] = []
    let pending = batch.map((_, index) => index)
    for (let attempt = 1; attempt <= 1 + V1_RESENDS && pending.length > 0; attempt++) {
      const items = pending.map((i) => batch[i] as PosthogWireItem)
      const body = jsonBody(texts(items), `{"created_at":${JSON.stringify(new Date().toISOString())},"batch":[`, ']}')
      const reply = await this.#post(body, { authorization: `Bearer ${this.#options.apiKey}`, 'posthog-sdk-info': LIBRARY, 'posthog-attempt': String(attempt) }, signal)
      if ('error' in reply) return classifyPosthogAnswer(reply, batch.length, reply.signal)
      const outcome = classifyPosthogAnswer(reply, items.length)
      if (outcome.type !== 'ok') return outcome
      const results = readV1Results(reply.text, items)
      if (results === undefined) return { type: 'retry', reason: `PostHog answered ${reply.status} with a body that is not a v1 result map` }
      for (const drop of results.dropped) dropped.push({ index: pending[drop.index] as number, details: drop.details })
      pending = results.retry.map((i) => pending[i] as number)
    }
    if (pending.length > 0) return { type: 'retry', reason: `PostHog asked to retry ${pending.length} of ${batch.length} events` }
    if (dropped.length === 0) return { type: 'ok' }
    dropped.sort((a, b) => a.index - b.index)
    const details = [...new Set(dropped.map((d) => d.details))].slice(0, 3).join('; ')
    return { type: 'reject', reason: `PostHog dropped ${dropped.length} of ${batch.length} events: ${details}`, items: dropped.map((d) => d.index) }
  }

  /** Releases the destination's sockets. */
  async close(): Promise<void> {
    this.#target.close()
  }
}
