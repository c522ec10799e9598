/**
 * Express 5 adapters: request logging middleware and the error middleware.
 *
 *   app.use(expressHttpLogging(log, { contextFrom: (req) => req.user }))
 *   app.get(...)
 *   app.use(expressErrorHandler(log))
 *
 * Typed against node's request and response so express need not be installed
 * to build; express's own handlers accept them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { asPinoLogger } from '../../emitters/logger.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { createHttpLogging, type HttpLoggingOptions } from './core.js'
import { answerError, sendErrorAnswer, type ErrorHandlerOptions } from './error-handler.js'

/** What express adds to the request that the line uses. */
interface ExpressRequest extends IncomingMessage {
  baseUrl?: string
  route?: { path?: unknown }
}

type Next = (err?: unknown) => void

export type ExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void
export type ExpressErrorMiddleware = (err: unknown, req: IncomingMessage, res: ServerResponse, next: Next) => void

/** `req.baseUrl + req.route.path` once express matched a route. */
export function expressRoute(req: IncomingMessage): string | undefined {
  const r = req as ExpressRequest
  const path = r.route?.path
  if (typeof path !== 'string') return undefined
  return (r.baseUrl ?? '') + path
}

export function expressHttpLogging<E extends object, Req extends IncomingMessage = IncomingMessage>(
  log: LinecastLogger<E>,
  options: HttpLoggingOptions<Req> = {},
): ExpressMiddleware {
  const http = createHttpLogging<E, Req>(log, options)
  return function linecastHttpLogging(req, res, next) {
    const scope = http.start(req, res, { route: expressRoute })
    scope.run(next)
  }
}

/** Express recognises error middleware by its four parameters. */
export function expressErrorHandler<E extends object>(log: LinecastLogger<E>, options: ErrorHandlerOptions = {}): ExpressErrorMiddleware {
  const logger = asPinoLogger(log)
  return function linecastErrorHandler(err, req, res, next) {
    const answer = answerError(logger, err, { req, route: expressRoute(req) }, options)
    // a response already under way: express's final handler closes the connection
    if (res.headersSent) return next(err)
    sendErrorAnswer(res, answer)
  }
}
