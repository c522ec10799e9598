/**
 * Sending Sentry events with the real SDK: a `NodeClient` of our own (no
 * `Sentry.init`, no global hub or scope), its HTTP transport from
 * `makeNodeTransport`, wrapped so that each envelope's answer (status code
 * and rate-limit headers, or the network error) is handed back to the send
 * that captured the event, keyed by event id, and classified into an Outcome.
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type Event } from '@sentry/node'
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError } from '../http/index.js'
import type { SerializedCheckIn } from './check-in.js'
import { rateLimitWait } from './rate-limits.js'

type NodeTransport = ReturnType<typeof makeNodeTransport>
type NodeTransportOptions = Parameters<typeof makeNodeTransport>[0]
type Envelope = Parameters<NodeTransport['send']>[0]
type TransportResponse = Awaited<ReturnType<NodeTransport['send']>>

/** What became of one envelope. */
export type EnvelopeResult = { response: TransportResponse } | { error: unknown }

export interface SentrySenderOptions {
  dsn: string
  /** an unanswered event counts as a retry after this long */
  timeoutMs: number
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

/** One envelope's answer -> Outcome. `until` is the end of a rate-limit window we were told about. */
export function classifyEnvelopeResult(result: EnvelopeResult, now: number, limitedUntil: number): Outcome {
  if ('error' in result) return classifyNetworkError(result.error)
  const { statusCode, headers } = result.response
  if (statusCode === undefined) {
    // the SDK did not send: its transport is still inside a rate-limit window, or its buffer is full
    if (limitedUntil > now) return { type: 'retryAfter', ms: limitedUntil - now, reason: 'Sentry rate limit still in force' }
    return { type: 'retry', reason: 'the Sentry transport did not send the event (buffer full or rate limited)' }
  }
  if (statusCode === 429) {
    const ms = rateLimitWait(headers ?? { 'x-sentry-rate-limits': null, 'retry-after': null }, now)
    return { type: 'retryAfter', ms, reason: 'HTTP 429: Sentry rate limit' }
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
  readonly #timeoutMs: number
  readonly #now: () => number
  readonly #waiting = new Map<string, Set<(result: EnvelopeResult) => void>>()
  #limitedUntil = 0

  constructor(options: SentrySenderOptions) {
    this.#timeoutMs = options.timeoutMs
    this.#now = options.now ?? Date.now
    this.client = new NodeClient({
      dsn: options.dsn,
      transport: (transportOptions: NodeTransportOptions) => this.#observe(makeNodeTransport(transportOptions)),
      stackParser: defaultStackParser,
      integrations: [],
      sendClientReports: false,
      enableRuntimeChannelInjection: false,
      includeServerName: false,
      normalizeDepth: 8,
      maxBreadcrumbs: 100,
    })
  }

  #observe(inner: NodeTransport): NodeTransport {
    const settle = (envelope: Envelope, result: EnvelopeResult): void => {
      if ('response' in result && result.response.statusCode === 429) {
        const headers = result.response.headers ?? { 'x-sentry-rate-limits': null, 'retry-after': null }
        this.#limitedUntil = Math.max(this.#limitedUntil, this.#now() + rateLimitWait(headers, this.#now()))
      }
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

  /** Captures one prepared event and resolves with what Sentry answered. */
  sendEvent(event: Event, signal?: AbortSignal): Promise<Outcome> {
    const id = event.event_id
    if (!id) return Promise.resolve({ type: 'reject', reason: 'the event has no event_id' })
    return this.#send(id, () => this.client.captureEvent(structuredClone(event), {}, new Scope()), signal)
  }

  /** Sends one cron check-in (its own envelope) and resolves with what Sentry answered. */
  sendCheckIn(checkIn: SerializedCheckIn, signal?: AbortSignal): Promise<Outcome> {
    const envelope = [{ sent_at: new Date(this.#now()).toISOString() }, [[{ type: 'check_in' }, checkIn]]] as unknown as Envelope
    return this.#send(checkInKey(checkIn), () => void this.client.sendEnvelope(envelope), signal)
  }

  /** Starts a send with `start` and resolves once the envelope keyed `id` is answered, times out or is aborted. */
  #send(id: string, start: () => void, signal: AbortSignal | undefined): Promise<Outcome> {
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
      const onResult = (result: EnvelopeResult): void => finish(classifyEnvelopeResult(result, this.#now(), this.#limitedUntil))
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
