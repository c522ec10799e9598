import { describe, expect, it } from 'vitest'
import { CaptureStream } from '../../test/emitters/capture.js'
import { httpTestCatalog } from '../../test/integrations/http-fixtures.js'
import { withContext } from '../../emitters/context.js'
import { asPinoLogger, createLogger } from '../../emitters/logger.js'
import { levelForStatus, writeErrorLine, writeRequestLine } from './lines.js'

function logger() {
  const out = new CaptureStream()
  const log = createLogger({ catalog: httpTestCatalog, destination: out, env: 'test' })
  return { log: asPinoLogger(log), out }
}

const REQUEST = { requestId: 'r1', method: 'GET', url: '/a?password=hunter2', statusCode: 200, responseTime: 3 }

describe('levelForStatus', () => {
  it('maps 5xx to error, 4xx to warn, 3xx to silent and the rest to info', () => {
    expect([500, 599, 400, 499, 300, 304, 200, 204, 101].map(levelForStatus)).toEqual([
      'error',
      'error',
      'warn',
      'warn',
      'silent',
      'silent',
      'info',
      'info',
      'info',
    ])
  })
})

describe('writeRequestLine', () => {
  it('writes the http_request event at the given level, masked, with the context stamped', () => {
    const { log, out } = logger()
    withContext({ requestId: 'r1', tenantId: 't1' }, () => writeRequestLine(log, 'warn', { ...REQUEST, userId: undefined }))
    const line = out.line
    expect(line).toMatchObject({
      level: 'warn',
      event: 'http_request',
      kind: 'metric',
      requestId: 'r1',
      tenantId: 't1',
      method: 'GET',
      url: '/a?password=[REDACTED]',
      statusCode: 200,
      responseTime: 3,
      msg: 'GET /a?password=[REDACTED] 200 in 3ms',
    })
    expect(line).not.toHaveProperty('userId')
    expect(typeof line.eventId).toBe('string')
  })

  it('is validated against the catalog like every event', () => {
    const { log, out } = logger()
    expect(() => writeRequestLine(log, 'info', { ...REQUEST, statusCode: 42 })).toThrow(/statusCode/)
    expect(out.text).toBe('')
  })

  it('writes nothing for silent', () => {
    const { log, out } = logger()
    writeRequestLine(log, 'silent', REQUEST)
    expect(out.text).toBe('')
  })
})

describe('writeErrorLine', () => {
  it('writes unhandled_error at error level with the serialized err', () => {
    const { log, out } = logger()
    class PaymentError extends Error {}
    writeErrorLine(log, new PaymentError('card declined'), { requestId: 'r1', method: 'POST', route: '/pay', statusCode: 500 })
    expect(out.line).toMatchObject({
      level: 'error',
      event: 'unhandled_error',
      kind: 'error',
      route: '/pay',
      err: { type: 'PaymentError', message: 'card declined' },
      msg: 'Unhandled error in POST /pay',
    })
    expect(typeof out.line.eventId).toBe('string')
    expect(String((out.line.err as { stack?: unknown }).stack)).toContain('card declined')
  })

  it('turns a thrown non-Error into an Error', () => {
    const { log, out } = logger()
    writeErrorLine(log, { reason: 'nope' }, { requestId: 'r1', method: 'GET', route: '/', statusCode: 500 })
    expect(out.line.err).toMatchObject({ type: 'Error', message: 'Non-Error thrown: {"reason":"nope"}' })
  })
})
