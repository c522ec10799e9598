/**
 * The error handler's framework-neutral part: the status an error answers
 * with, the `unhandled_error` line (5xx only: it reaches Sentry through the
 * transports' error route, never by a direct SDK call), and the JSON body.
 *
 * In production a 5xx answers the generic 'Internal Server Error' and no body
 * ever carries a stack; elsewhere the body has the error's message (masked)
 * and, for 5xx, its stack to help the developer. "Production" is the
 * handler's `env` option, else the logger's own `env` (what createLogger was
 * told, which every line says), else NODE_ENV: a service configured as
 * production through createLogger never leaks a stack because NODE_ENV was unset.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { withContext } from '../../emitters/context.js'
import { maskString } from '../../core/redact.js'
import { pathOf, scopeOf } from './core.js'
import { splitUser, writeErrorLine } from './lines.js'
import { requestIdFrom, REQUEST_ID_HEADER } from './request-id.js'

export interface ErrorHandlerOptions {
  /** environment name; 'production' hides 5xx messages and stacks; default the logger's `env`, else NODE_ENV, else 'production' (an unset NODE_ENV is production) */
  env?: string
}

export interface ErrorBody {
  error: string
  requestId: string
  /** development only, 5xx only */
  stack?: string
}

export interface ErrorAnswer {
  status: number
  body: ErrorBody
}

/** `err.status` or `err.statusCode` when it is an HTTP error status (400..599), else 500. */
export function statusOf(err: unknown): number {
  if (typeof err === 'object' && err !== null) {
    const e = err as { status?: unknown; statusCode?: unknown }
    for (const candidate of [e.status, e.statusCode]) {
      if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 400 && candidate <= 599) return candidate
    }
  }
  return 500
}

export interface ErrorRequest {
  req: IncomingMessage
  /** matched route pattern, when the framework knows it */
  route?: string | undefined
}

/**
 * Writes the `unhandled_error` line (5xx) inside the request's context and
 * returns what to answer. A request the logging middleware did not see still
 * gets a request id (its valid X-Request-Id, else a new one).
 */
export function answerError(logger: Logger, err: unknown, request: ErrorRequest, options: ErrorHandlerOptions = {}): ErrorAnswer {
  const { req } = request
  const status = statusOf(err)
  const scope = scopeOf(req)
  const requestId = scope?.requestId ?? requestIdFrom(req.headers[REQUEST_ID_HEADER])
  const url = scope?.url ?? req.url ?? '/'
  const route = request.route ?? scope?.route() ?? pathOf(url)
  if (status >= 500) {
    const { own, context } = splitUser(scope?.user() ?? {})
    const fields = { requestId, method: scope?.method ?? req.method ?? 'GET', route, url, statusCode: status, ...own }
    const write = (): void => withContext(context, () => writeErrorLine(logger, err, fields))
    if (scope === undefined) withContext({ requestId }, write)
    else scope.run(write)
  }
  return { status, body: errorBody(err, status, requestId, environmentOf(logger, options) === 'production') }
}

/** The handler's `env`, else the `env` bound on the logger's lines, else NODE_ENV. */
function environmentOf(logger: Logger, options: ErrorHandlerOptions): string {
  if (options.env !== undefined) return options.env
  const bound: unknown = logger.bindings().env
  if (typeof bound === 'string' && bound !== '') return bound
  return process.env.NODE_ENV || 'production'
}

function errorBody(err: unknown, status: number, requestId: string, production: boolean): ErrorBody {
  const generic = STATUS_CODES[status] ?? 'Error'
  if (production && status >= 500) return { error: 'Internal Server Error', requestId }
  const message = err instanceof Error || hasMessage(err) ? err.message : ''
  const body: ErrorBody = { error: message === '' ? generic : maskString(message), requestId }
  if (!production && status >= 500 && err instanceof Error && typeof err.stack === 'string') body.stack = maskString(err.stack)
  return body
}

function hasMessage(err: unknown): err is { message: string } {
  return typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
}

/** Answers with the JSON body, unless a response is already under way (then it is ended as is). */
export function sendErrorAnswer(res: ServerResponse, answer: ErrorAnswer): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const body = JSON.stringify(answer.body)
  res.statusCode = answer.status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.setHeader('X-Request-Id', answer.body.requestId)
  res.end(body)
}
