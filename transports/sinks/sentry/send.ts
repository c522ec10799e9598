/**
 * Sending Sentry events with the real SDK: a `NodeClient` of our own (no
 * `Sentry.init`, no global hub or scope), its HTTP transport from
 * `makeNodeTransport` (keep-alive agent), wrapped so that each envelope's answer (status code
 * and rate-limit headers, or the network error) is handed back to the send
 * that captured the event, keyed by event id, and classified into an Outcome.
 * Every envelope first takes a slot of the transport's window (window.ts), so
 * the transport never answers "buffer full"; should it still, the envelope
 * waits for a slot and goes again inside the same send.
 */
import { NodeClient, SDK_VERSION, defaultStackParser, makeNodeTransport, type Event } from '@sentry/node'
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError } from '../http/index.js'
import type { SerializedCheckIn } from './check-in.js'
import { SENTRY_WINDOW } from './config.js'
import { rateLimitWait, RateLimitWindows, type SentryCategory } from './rate-limits.js'
import { EnvelopeWindow } from './window.js'

type NodeTransport = ReturnType<typeof makeNodeTransport>
type NodeTransportOptions = Parameters<typeof makeNodeTransport>[0]
type Envelope = Parameters<NodeTransport['send']>[0]
type TransportResponse = Awaited<ReturnType<NodeTransport['send']>>

/** What became of one envelope. */
export type EnvelopeResult = { response: TransportResponse } | { error: unknown }

export interface SentrySenderOptions {
  dsn: string
  /** an unanswered event counts as a retry after this long (from when it took its slot) */
  timeoutMs: number
  /** envelopes the transport holds at once (default SENTRY_WINDOW, the SDK's buffer size) */
  window?: number
  /** the environment and release of the client (the envelope header's trace context) */
  environment?: string
  release?: string
  /** clock, for rate-limit windows */
  now?: () => number
}

/** What a send waits on: the event id, or `check_in:<id>:<status>` for a check-in envelope. */
function envelopeKey(envelope: Envelope): string | undefined {
  const id = (envelope[0] as { event_id?: unknown }).event_id
  if (typeof id === 'string') return id
  const [header, payload] = (envelope[1][0] ?? []) as unknown as [{ type?: unknown }?, Partial<SerializedCheckIn>?]
  if (header?.type !== 'check_in' || payload === undefined) return undefined
  return checkInKey(payload)
}

function checkInKey(checkIn: Partial<SerializedCheckIn>): string {
  return `check_in:${String(checkIn.check_in_id)}:${String(checkIn.status)}`
}

function categoryOf(envelope: Envelope): SentryCategory {
  const header = (envelope[1][0] ?? [])[0] as { type?: unknown } | undefined
  return header?.type === 'check_in' ? 'monitor' : 'error'
}

/**
 * The envelope of one prepared event, as the SDK's `createEventEnvelope` writes it. The header's
 * trace context comes from the event itself, so Sentry sees one environment and one release for it.
 */
export function eventEnvelope(event: Event & { event_id: string }, publicKey: string, now: number): Envelope {
  const trace: Record<string, string> = { trace_id: event.event_id, public_key: publicKey }
  if (event.environment) trace.environment = event.environment
  if (event.release) trace.release = event.release
  const header = { event_id: event.event_id, sent_at: new Date(now).toISOString(), sdk: { name: 'sentry.javascript.node', version: SDK_VERSION }, trace }
  return [header, [[{ type: 'event' }, event]]] as unknown as Envelope
}

/** The transport did not send the envelope: a rate-limit window it still honours, or a full buffer. */
export const NOT_SENT_BUFFER_FULL = 'the Sentry transport did not send the event (buffer full)'

/** One envelope's answer -> Outcome. `limitedUntil` is the end of the rate-limit window of its category. */
export function classifyEnvelopeResult(result: EnvelopeResult, now: number, limitedUntil: number, category: SentryCategory = 'error'): Outcome {
  if ('error' in result) return classifyNetworkError(result.error)
  const { statusCode, headers } = result.response
  if (statusCode === undefined) {
    if (limitedUntil > now) return { type: 'retryAfter', ms: limitedUntil - now, reason: `Sentry rate limit (${category}) still in force` }
    return { type: 'retry', reason: NOT_SENT_BUFFER_FULL }
  }
  if (statusCode === 429) {
    const ms = rateLimitWait(headers ?? {}, now, category)
    return { type: 'retryAfter', ms, reason: `HTTP 429: Sentry rate limit (${category})` }
  }
  if (statusCode === 413) {
    // one event per envelope: a smaller batch cannot help, the event itself is too large
    return { type: 'reject', reason: 'HTTP 413: the event is larger than Sentry accepts' }
  }
  const plain: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(headers ?? {})) if (value !== null) plain[key] = value
  const outcome = classifyHttpResponse(statusCode, plain, { now })
  if (outcome.type === 'reject' && outcome.loud) {
    return { ...outcome, reason: `${outcome.reason}: Sentry refused the DSN; check the DSN's project and key (and that the key is enabled)` }
  }
  return outcome
}

export class SentrySender {
  readonly client: NodeClient
  readonly window: EnvelopeWindow
  readonly #timeoutMs: number
  readonly #now: () => number
  readonly #waiting = new Map<string, Set<(result: EnvelopeResult) => void>>()
  readonly #limits = new RateLimitWindows()
  readonly #publicKey: string

  constructor(options: SentrySenderOptions) {
    this.#timeoutMs = options.timeoutMs
    this.#now = options.now ?? Date.now
    this.window = new EnvelopeWindow(options.window ?? SENTRY_WINDOW)
    this.#publicKey = new URL(options.dsn).username
    this.client = new NodeClient({
      dsn: options.dsn,
      transport: (transportOptions: NodeTransportOptions) => this.#observe(makeNodeTransport({ ...transportOptions, bufferSize: this.window.size })),
      stackParser: defaultStackParser,
      integrations: [],
      sendClientReports: false,
      enableRuntimeChannelInjection: false,
      includeServerName: false,
      normalizeDepth: 8,
      maxBreadcrumbs: 100,
      ...(options.environment ? { environment: options.environment } : {}),
      ...(options.release ? { release: options.release } : {}),
    })
  }

  #observe(inner: NodeTransport): NodeTransport {
    const settle = (envelope: Envelope, result: EnvelopeResult): void => {
      if ('response' in result) this.#limits.update(result.response.statusCode, result.response.headers, categoryOf(envelope), this.#now())
      const id = envelopeKey(envelope)
      if (id === undefined) return
      for (const resolve of this.#waiting.get(id) ?? []) resolve(result)
    }
    return {
      send: (envelope) =>
        Promise.resolve(inner.send(envelope)).then(
          (response) => {
            settle(envelope, { response })
            return response
          },
          (error: unknown) => {
            settle(envelope, { error })
            throw error
          },
        ),
      flush: (timeout) => inner.flush(timeout),
    }
  }

  /**
   * Sends one prepared event (the encoder built, masked and finished it: ids, times, frames,
   * breadcrumbs) as its own envelope through the client's transport, and resolves with what Sentry
   * answered. The client's own event pipeline (scopes, integrations, normalisation) has nothing to add.
   */
  sendEvent(event: Event, signal?: AbortSignal): Promise<Outcome> {
    const id = event.event_id
    if (!id) return Promise.resolve({ type: 'reject', reason: 'the event has no event_id' })
    return this.#send(id, 'error', () => void this.client.sendEnvelope(eventEnvelope({ ...event, event_id: id }, this.#publicKey, this.#now())), signal)
  }

  /** Sends one cron check-in (its own envelope) and resolves with what Sentry answered. */
  sendCheckIn(checkIn: SerializedCheckIn, signal?: AbortSignal): Promise<Outcome> {
    const envelope = [{ sent_at: new Date(this.#now()).toISOString() }, [[{ type: 'check_in' }, checkIn]]] as unknown as Envelope
    return this.#send(checkInKey(checkIn), 'monitor', () => void this.client.sendEnvelope(envelope), signal)
  }

  /** Takes a slot, sends; an envelope the transport did not take for a full buffer goes again. */
  async #send(id: string, category: SentryCategory, start: () => void, signal: AbortSignal | undefined): Promise<Outcome> {
    for (;;) {
      const release = await this.window.acquire(signal)
      if (release === undefined) return { type: 'retry', reason: 'aborted before sending (timeout)' }
      const outcome = await this.#sendInSlot(id, category, start, signal).finally(release)
      if (outcome.type !== 'retry' || outcome.reason !== NOT_SENT_BUFFER_FULL) return outcome
    }
  }

  /** Starts a send with `start` and resolves once the envelope keyed `id` is answered, times out or is aborted. */
  #sendInSlot(id: string, category: SentryCategory, start: () => void, signal: AbortSignal | undefined): Promise<Outcome> {
    if (signal?.aborted) return Promise.resolve({ type: 'retry', reason: 'aborted before sending (timeout)' })
    return new Promise<Outcome>((resolve) => {
      let waiters = this.#waiting.get(id)
      if (!waiters) this.#waiting.set(id, (waiters = new Set()))
      const finish = (outcome: Outcome): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        waiters.delete(onResult)
        if (waiters.size === 0 && this.#waiting.get(id) === waiters) this.#waiting.delete(id)
        resolve(outcome)
      }
      const onResult = (result: EnvelopeResult): void => finish(classifyEnvelopeResult(result, this.#now(), this.#limits.until(category), category))
      const onAbort = (): void => finish({ type: 'retry', reason: 'aborted before Sentry answered (timeout)' })
      const timer = setTimeout(() => finish({ type: 'retry', reason: `Sentry did not answer within ${this.#timeoutMs} ms` }), this.#timeoutMs)
      waiters.add(onResult)
      signal?.addEventListener('abort', onAbort, { once: true })
      start()
    })
  }

  /** Flushes what is in flight and releases the client (its HTTP agent and exit listeners). */
  async close(timeoutMs = this.#timeoutMs): Promise<void> {
    await this.client.close(timeoutMs)
  }
}
