/**
 * Fastify 5 adapters: request logging hooks and the error handler.
 *
 *   fastifyHttpLogging(app, log, { contextFrom: (request) => request.user })
 *   app.setErrorHandler(fastifyErrorHandler(log))
 *
 * The hooks are added to the instance given (call it on the root instance, or
 * inside a plugin to cover that plugin's routes only). The context is entered
 * in `onRequest` and entered again in `preHandler`, so the handler runs inside
 * it whatever ran in between (content-type parsers, other plugins' hooks
 * resuming from their own callbacks).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { asPinoLogger } from '../../emitters/logger.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { createHttpLogging, scopeOf, type HttpLoggingOptions } from './core.js'
import { answerError, type ErrorHandlerOptions } from './error-handler.js'

/** What the adapters use of a fastify request (a `FastifyRequest` fits). */
export interface FastifyRequestLike {
  readonly raw: IncomingMessage
  readonly headers: IncomingHttpHeaders
  readonly routeOptions: { readonly url?: string | undefined }
}

/** What the adapters use of a fastify reply (a `FastifyReply` fits). */
export interface FastifyReplyLike {
  readonly raw: ServerResponse
  code(statusCode: number): FastifyReplyLike
  header(key: string, value: string): FastifyReplyLike
  type(contentType: string): FastifyReplyLike
  send(payload?: unknown): unknown
}

type HookDone = (err?: Error) => void

/** What the logging hooks use of a fastify instance (a `FastifyInstance` fits). */
export interface FastifyAppLike<Request extends FastifyRequestLike = FastifyRequestLike> {
  addHook(name: 'onRequest' | 'preHandler', hook: (request: Request, reply: FastifyReplyLike, done: HookDone) => void): unknown
}

/** The matched route pattern (`/brands/:id`), undefined for the not-found handler. */
export function fastifyRoute(request: FastifyRequestLike): string | undefined {
  const url: unknown = request.routeOptions.url
  return typeof url === 'string' && url !== '' ? url : undefined
}

export function fastifyHttpLogging<E extends object, Request extends FastifyRequestLike = FastifyRequestLike>(
  app: FastifyAppLike<Request>,
  log: LinecastLogger<E>,
  options: HttpLoggingOptions<Request> = {},
): void {
  const http = createHttpLogging<E, Request>(log, options)
  app.addHook('onRequest', (request, reply, done) => {
    const scope = http.start(request.raw, reply.raw, { route: fastifyRoute, subject: request })
    void reply.header('x-request-id', scope.requestId)
    scope.run(done)
  })
  app.addHook('preHandler', (request, _reply, done) => {
    const scope = scopeOf(request.raw)
    if (scope === undefined) done()
    else scope.run(done)
  })
}

export type FastifyErrorHandler = (error: Error, request: FastifyRequestLike, reply: FastifyReplyLike) => void

export function fastifyErrorHandler<E extends object>(log: LinecastLogger<E>, options: ErrorHandlerOptions = {}): FastifyErrorHandler {
  const logger = asPinoLogger(log)
  return function linecastErrorHandler(error, request, reply) {
    const answer = answerError(logger, error, { req: request.raw, route: fastifyRoute(request) }, options)
    void reply.code(answer.status).header('x-request-id', answer.body.requestId).type('application/json; charset=utf-8').send(answer.body)
  }
}
