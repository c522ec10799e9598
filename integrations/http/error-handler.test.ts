import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { CaptureStream } from '../../test/emitters/capture.js'
import { httpTestCatalog } from '../../test/integrations/http-fixtures.js'
import { asPinoLogger, createLogger } from '../../emitters/logger.js'
import { answerError, statusOf } from './error-handler.js'

function request(headers: Record<string, string> = {}): IncomingMessage {
  const req = new IncomingMessage(new Socket())
  req.method = 'DELETE'
  req.url = '/brands/b_1?apiKey=abc'
  req.headers = headers
  return req
}

function logger(env = 'test') {
  const out = new CaptureStream()
  return { log: asPinoLogger(createLogger({ catalog: httpTestCatalog, destination: out, env })), out }
}

describe('statusOf', () => {
  it('takes status or statusCode when it is an HTTP error status, else 500', () => {
    expect(statusOf({ status: 404 })).toBe(404)
    expect(statusOf({ statusCode: 422 })).toBe(422)
    expect(statusOf({ status: 200 })).toBe(500)
    expect(statusOf({ status: '404' })).toBe(500)
    expect(statusOf({ status: 600 })).toBe(500)
    expect(statusOf(new Error('x'))).toBe(500)
    expect(statusOf('text')).toBe(500)
  })
})

describe('answerError', () => {
  it('answers a request the middleware never saw with its X-Request-Id and the path as route', () => {
    const { log, out } = logger()
    const answer = answerError(log, new Error('db down'), { req: request({ 'x-request-id': 'gw-1' }) }, { env: 'development' })
    expect(answer.status).toBe(500)
    expect(answer.body).toMatchObject({ error: 'db down', requestId: 'gw-1' })
    expect(answer.body.stack).toContain('db down')
    expect(out.line).toMatchObject({
      event: 'unhandled_error',
      requestId: 'gw-1',
      method: 'DELETE',
      route: '/brands/b_1',
      url: '/brands/b_1?apiKey=[REDACTED]',
      statusCode: 500,
    })
  })

  it('hides the message and stack of a 5xx in production', () => {
    const { log } = logger()
    const answer = answerError(log, new Error('db password is hunter2'), { req: request() }, { env: 'production' })
    expect(answer.body).toEqual({ error: 'Internal Server Error', requestId: answer.body.requestId })
  })

  it("takes production from the logger's env when the handler is given none, whatever NODE_ENV says", () => {
    const saved = process.env.NODE_ENV
    process.env.NODE_ENV = 'development'
    try {
      const production = answerError(logger('production').log, new Error('db password is hunter2'), { req: request() })
      expect(production.body).toEqual({ error: 'Internal Server Error', requestId: production.body.requestId })
      const staging = answerError(logger('staging').log, new Error('db down'), { req: request() })
      expect(staging.body).toMatchObject({ error: 'db down', stack: expect.stringContaining('db down') })
      const told = answerError(logger('production').log, new Error('db down'), { req: request() }, { env: 'development' })
      expect(told.body.stack).toContain('db down')
    } finally {
      process.env.NODE_ENV = saved
    }
  })

  it('keeps a 4xx message in production, without a stack or a line', () => {
    const { log, out } = logger()
    const answer = answerError(log, Object.assign(new Error('brand not found'), { statusCode: 404 }), { req: request() }, { env: 'production' })
    expect(answer).toEqual({ status: 404, body: { error: 'brand not found', requestId: answer.body.requestId } })
    expect(out.text).toBe('')
  })

  it('falls back to the status text when the error has no message', () => {
    const { log } = logger()
    expect(answerError(log, { status: 403 }, { req: request() }, { env: 'development' }).body.error).toBe('Forbidden')
  })
})
