/**
 * `browserCollector`: the endpoint the generated browser tracker posts to
 * (`{ "events": [{ eventId, event, properties, time }] }`), for express,
 * fastify and node:http. Per request: CORS (configurable; same-origin when
 * unset), a per-client rate limit, a body size cap, then every event is
 * checked against the catalog again and written through the logger with the
 * request's context (see browser-events.ts). Refused requests are counted
 * and reported on an error-level line (at most one per `reportEveryMs`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Catalog } from '../../schema/define.js'
import { withContext } from '../../emitters/context.js'
import { asPinoLogger } from '../../emitters/logger.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { browserEventWriter, type RejectedEvent } from './browser-events.js'
import { applyCors, type CorsOptions } from './browser-cors.js'
import { readJsonBody, type BodyResult } from './browser-body.js'
import { createRateLimit, type RateLimitOptions } from './browser-rate-limit.js'
import { scopeOf } from './core.js'
import type { RequestUser } from './lines.js'
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js'

export interface BrowserCollectorOptions {
  /** the generated catalog (`generated/events.ts`): its browser events are accepted */
  catalog: Pick<Catalog<object>, 'compiled'>
  /** largest body accepted, in bytes; default 64 KiB */
  maxBodyBytes?: number
  /** most events in one request; default 50 */
  maxEvents?: number
  /** requests per client per window; default 120 per minute; `false` turns it off */
  rateLimit?: RateLimitOptions | false
  /** cross-origin pages allowed to post; unset: same origin only */
  cors?: CorsOptions
  /** who is making the request (userId, tenantId, brandId), stamped on the lines */
  contextFrom?: (req: IncomingMessage) => RequestUser | undefined
  /** the client a rate limit applies to; default the remote address */
  clientKey?: (req: IncomingMessage) => string
  /** how often refusals are reported on an error line, at most; default 10 s */
  reportEveryMs?: number
  now?: () => number
}

export type RefusalReason = 'rate_limited' | 'too_large' | 'malformed' | 'invalid_event'

export interface BrowserCollectorStats {
  accepted: number
  refused: Record<RefusalReason, number>
}

/** `(req, res)` for node:http, also an express handler (`next` is not called: the collector answers). */
export interface BrowserCollectorHandler {
  (req: IncomingMessage, res: ServerResponse, next?: unknown): void
  stats(): BrowserCollectorStats
  /** resolves when the requests in progress are answered (tests, shutdown) */
  idle(): Promise<void>
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify(body))
}

export function browserCollector<E extends object>(log: LinecastLogger<E>, options: BrowserCollectorOptions): BrowserCollectorHandler {
  const logger = asPinoLogger(log).child({ runtime: 'browser' })
  const write = browserEventWriter(options.catalog.compiled)
  const now = options.now ?? Date.now
  const maxBody = options.maxBodyBytes ?? 64 * 1024
  const maxEvents = options.maxEvents ?? 50
  const limit = options.rateLimit === false ? undefined : createRateLimit(options.rateLimit ?? {}, now)
  const stats: BrowserCollectorStats = { accepted: 0, refused: { rate_limited: 0, too_large: 0, malformed: 0, invalid_event: 0 } }
  const pendingReport: Record<RefusalReason, number> = { rate_limited: 0, too_large: 0, malformed: 0, invalid_event: 0 }
  const reportEvery = options.reportEveryMs ?? 10_000
  let lastReport = -Infinity
  const inFlight = new Set<Promise<void>>()

  function refuse(reason: RefusalReason, count: number): void {
    stats.refused[reason] += count
    pendingReport[reason] += count
    if (now() - lastReport < reportEvery) return
    lastReport = now()
    const counts = Object.fromEntries(Object.entries(pendingReport).filter(([, n]) => n > 0))
    for (const key of Object.keys(pendingReport) as RefusalReason[]) pendingReport[key] = 0
    logger.error({ collector: 'browser', refused: counts }, `browser collector refused ${Object.entries(counts).map(([r, n]) => `${n} ${r}`).join(', ')}`)
  }

  function contextOf(req: IncomingMessage): Record<string, unknown> {
    const scope = scopeOf(req)
    if (scope !== undefined) return { ...scope.context, ...scope.user() }
    return { requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]), ...(options.contextFrom?.(req) ?? {}) }
  }

  function accept(req: IncomingMessage, res: ServerResponse, body: BodyResult): void {
    if (body.kind === 'too_large') return refuse('too_large', 1), answer(res, 413, { error: `body over ${maxBody} bytes` })
    const events = body.kind === 'ok' ? (body.value as { events?: unknown }).events : undefined
    if (!Array.isArray(events) || events.length === 0) return refuse('malformed', 1), answer(res, 400, { error: 'expected {"events": [...]}' })
    if (events.length > maxEvents) return refuse('too_large', events.length), answer(res, 413, { error: `more than ${maxEvents} events` })
    const rejected: RejectedEvent[] = withContext(contextOf(req), () => write(logger, events))
    stats.accepted += events.length - rejected.length
    if (rejected.length > 0) refuse('invalid_event', rejected.length)
    answer(res, rejected.length === 0 ? 202 : 422, { accepted: events.length - rejected.length, rejected })
  }

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    if (!applyCors(req, res, options.cors)) return answer(res, 403, { error: 'origin not allowed' })
    if (req.method === 'OPTIONS') {
      res.statusCode = 204
      res.end()
      return
    }
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST events here' })
    if (limit !== undefined && !limit.take(options.clientKey?.(req) ?? req.socket.remoteAddress ?? 'unknown')) {
      refuse('rate_limited', 1)
      res.setHeader('retry-after', String(Math.ceil(limit.windowMs / 1000)))
      return answer(res, 429, { error: 'too many requests' })
    }
    const done = readJsonBody(req, maxBody).then((body) => accept(req, res, body))
    inFlight.add(done)
    void done.finally(() => inFlight.delete(done))
  }) as BrowserCollectorHandler
  handler.stats = () => ({ accepted: stats.accepted, refused: { ...stats.refused } })
  handler.idle = async () => {
    await Promise.all([...inFlight])
  }
  return handler
}

/** The collector as a fastify route handler: `app.route({ method: ['POST', 'OPTIONS'], url, handler })`. */
export function fastifyBrowserCollector<E extends object>(
  log: LinecastLogger<E>,
  options: BrowserCollectorOptions,
): ((request: { raw: IncomingMessage; body?: unknown }, reply: { raw: ServerResponse; hijack(): void }) => void) & { stats(): BrowserCollectorStats } {
  const handler = browserCollector(log, options)
  const route = (request: { raw: IncomingMessage; body?: unknown }, reply: { raw: ServerResponse; hijack(): void }): void => {
    reply.hijack()
    if (request.body !== undefined) (request.raw as IncomingMessage & { body?: unknown }).body = request.body
    handler(request.raw, reply.raw)
  }
  return Object.assign(route, { stats: () => handler.stats() })
}
