/**
 * `node:http` adapter: wraps a request listener with request logging and the
 * error handler.
 *
 *   http.createServer(withHttpLogging(log, async (req, res) => { ... }))
 *
 * A listener that throws, or whose promise rejects, gets the error handler's
 * JSON answer (and an `unhandled_error` line for 5xx).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LinecastLogger } from '../../emitters/types.js'
import { createHttpLogging, type HttpLoggingOptions } from './core.js'
import { answerError, sendErrorAnswer, type ErrorHandlerOptions } from './error-handler.js'

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown

export interface NodeHttpOptions extends HttpLoggingOptions<IncomingMessage>, ErrorHandlerOptions {}

export function withHttpLogging<E extends object>(
  log: LinecastLogger<E>,
  listener: RequestListener,
  options: NodeHttpOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const http = createHttpLogging<E>(log, options)
  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
    sendErrorAnswer(res, answerError(http.logger, err, { req }, options))
  }
  return function linecastRequestListener(req, res) {
    const scope = http.start(req, res)
    scope.run(() => {
      let result: unknown
      try {
        result = listener(req, res)
      } catch (err) {
        fail(req, res, err)
        return
      }
      if (isPromise(result)) result.then(undefined, (err: unknown) => fail(req, res, err))
    })
  }
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
}
