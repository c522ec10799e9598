/**
 * Framework-neutral request logging: the request id, the correlation context
 * for everything the handler does, and one `http_request` line when the
 * response ends. express.ts, fastify.ts and node-http.ts adapt it.
 *
 * pino-http (with its own line turned off) assigns `req.id` through our
 * `genReqId`, gives `req.log` to handlers that expect it, and stamps the start
 * time the response time is measured from. Its own "request completed" line
 * nests `req`/`res` objects and has one level per outcome, which is not the
 * catalog's flat `http_request` event; so that line is written here, on
 * finish, with the level the status calls for (see lines.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import type * as PinoHttp from 'pino-http'
import { requirePeer } from '../../core/peer.js'
import { withContext } from '../../emitters/context.js'
import { asPinoLogger } from '../../emitters/logger.js'
import { maskString } from '../../core/redact.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { levelForStatus, splitUser, writeRequestLine, type RequestUser } from './lines.js'
import { isValidRequestId, REQUEST_ID_HEADER, requestIdFrom } from './request-id.js'

export const DEFAULT_IGNORED_PATHS: readonly string[] = ['/health', '/ready', '/favicon.ico']

/** Status written when the client went away before the response ended (nginx's convention). */
export const CLIENT_CLOSED_REQUEST = 499

export interface HttpLoggingOptions<Req = IncomingMessage> {
  /** paths (without query string) that get no request line; default /health, /ready, /favicon.ico */
  ignore?: readonly string[] | ((path: string) => boolean)
  /**
   * Who makes the request. Called when the request starts (its fields join the
   * context of everything the handler does) and again when it ends (so an
   * authentication step that ran after this middleware still reaches the line).
   */
  contextFrom?: (req: Req) => RequestUser | undefined
  /** the same as `contextFrom` (the name other middleware uses) */
  getUser?: (req: Req) => RequestUser | undefined
}

/** What an adapter knows of a request that the raw request does not say. */
export interface RequestHooks<Req> {
  /** matched route pattern, read when the response ends */
  route?: (req: Req) => string | undefined
  /** the request as `contextFrom` wants it (a framework request wrapping the raw one) */
  subject?: Req
}

export interface RequestScope {
  readonly requestId: string
  /** requestId and the user fields known when the request started */
  readonly context: Readonly<Record<string, unknown>>
  /** runs `fn` inside the request's correlation context */
  run<T>(fn: () => T): T
  /** the user fields as `contextFrom` returns them now */
  user(): RequestUser
  /** the matched route pattern, when the adapter knows it */
  route(): string | undefined
  /** request path and query as received */
  readonly url: string
  readonly method: string
}

export interface HttpLogging<Req = IncomingMessage> {
  /** opens the request's scope: id, X-Request-Id header, context, line on finish */
  start(req: IncomingMessage, res: ServerResponse, hooks?: RequestHooks<Req>): RequestScope
  /** the logger lines are written to, typed for pino consumers */
  readonly logger: Logger
}

const scopes = new WeakMap<IncomingMessage, RequestScope>()

/** The scope `start` opened for this request, if any (the error handler reads it). */
export function scopeOf(req: IncomingMessage): RequestScope | undefined {
  return scopes.get(req)
}

export function createHttpLogging<E extends object, Req = IncomingMessage>(
  log: LinecastLogger<E>,
  options: HttpLoggingOptions<Req> = {},
): HttpLogging<Req> {
  const logger = asPinoLogger(log)
  const ignored = ignoreMatcher(options.ignore ?? DEFAULT_IGNORED_PATHS)
  const contextFrom = options.contextFrom ?? options.getUser
  const { pinoHttp, startTime } = requirePeer<typeof PinoHttp>('pino-http', 'the HTTP logging of linecast/http')
  const attach = pinoHttp({
    logger,
    autoLogging: false,
    wrapSerializers: false,
    serializers: { req: serializeRequest },
    genReqId: (req) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
  })

  function userOf(subject: Req): RequestUser {
    return contextFrom === undefined ? {} : userFields(contextFrom(subject))
  }

  return {
    logger,
    start(req, res, hooks = {}) {
      attach(req, res)
      const requestId = isValidRequestId(req.id) ? req.id : requestIdFrom(undefined)
      req.id = requestId
      if (!res.headersSent) res.setHeader('X-Request-Id', requestId)
      const subject = hooks.subject ?? (req as unknown as Req)
      const startUser = userOf(subject)
      const context: Record<string, unknown> = { requestId, ...startUser }
      const url = req.url ?? '/'
      const method = req.method ?? 'GET'
      const scope: RequestScope = {
        requestId,
        context,
        url,
        method,
        run: (fn) => withContext(context, fn),
        user: () => ({ ...startUser, ...safely(() => userOf(subject)) }),
        route: () => safely(() => hooks.route?.(subject)),
      }
      scopes.set(req, scope)
      if (!ignored(pathOf(url))) onEnd(res, () => finish(logger, req, res, scope, (res as unknown as Record<symbol, number | undefined>)[startTime]))
      return scope
    },
  }
}

function finish(logger: Logger, req: IncomingMessage, res: ServerResponse, scope: RequestScope, started: number | undefined): void {
  const statusCode = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST
  const fields = {
    requestId: scope.requestId,
    method: scope.method,
    url: scope.url,
    statusCode,
    responseTime: typeof started === 'number' ? Math.max(0, Date.now() - started) : 0,
    route: scope.route(),
    userAgent: headerText(req.headers['user-agent']),
  }
  const { own, context } = splitUser(scope.user())
  scope.run(() => withContext(context, () => writeRequestLine(logger, levelForStatus(statusCode), { ...fields, ...own })))
}

/** Calls `fn` once, when the response finished or the connection closed first. */
function onEnd(res: ServerResponse, fn: () => void): void {
  const done = (): void => {
    res.off('finish', done)
    res.off('close', done)
    fn()
  }
  res.on('finish', done)
  res.on('close', done)
}

function ignoreMatcher(ignore: readonly string[] | ((path: string) => boolean)): (path: string) => boolean {
  if (typeof ignore === 'function') return ignore
  const set = new Set(ignore)
  return (path) => set.has(path)
}

/** The path part of a request URL (no query string). */
export function pathOf(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

function userFields(user: RequestUser | undefined): RequestUser {
  const out: RequestUser = {}
  if (user === undefined || user === null || typeof user !== 'object') return out
  for (const [key, value] of Object.entries(user)) if (typeof value === 'string') out[key] = value
  return out
}

/** A hook that throws must not take the response listener (and the process) down with it. */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** `req` as bound on `req.log` lines: id, method and masked url; no headers (they hold credentials). */
function serializeRequest(req: IncomingMessage): Record<string, unknown> {
  return { id: req.id, method: req.method, url: maskString(req.url ?? '') }
}
