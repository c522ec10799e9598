/**
 * The error handler's line, as the Sentry sink encodes it: an exception with
 * the thrown error's type, message and frames, tagged with the request id.
 * (The sink itself is tested against a local receiver in test/transports.)
 */
import { createServer } from 'node:http'
import express from 'express'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { expressErrorHandler, expressHttpLogging } from '../../integrations/http/index.js'
import { parseSentrySettings } from '../../transports/sinks/sentry/config.js'
import { SentryEncoder } from '../../transports/sinks/sentry/encode.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { captureLogger, httpTestCatalog, linesOf, listen, waitForLines } from './http-fixtures.js'

class LedgerLockedError extends Error {}

const { log, out } = captureLogger('production')
let server: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  const app = express()
  app.use(expressHttpLogging(log))
  app.post('/ledger/:id', async () => {
    await Promise.resolve()
    throw new LedgerLockedError('ledger l_1 is locked')
  })
  app.use(expressErrorHandler(log, { env: 'production' }))
  server = await listen(createServer(app))
})

afterAll(() => server?.close())

it('becomes one Sentry exception event with the error type, message, frames and request id', async () => {
  const res = await fetch(`${server.url}/ledger/l_1`, { method: 'POST', headers: { 'x-request-id': 'req-ledger' } })
  expect(res.status).toBe(500)
  const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
  const [line] = linesOf(lines, 'unhandled_error')
  const encoder = new SentryEncoder(parseSentrySettings('sentry', { dsn: 'https://key@127.0.0.1:9/1' }), httpTestCatalog.compiled)
  const item = encoder.encode(line as unknown as LogLine)
  expect(item.type).toBe('event')
  if (item.type !== 'event') return
  const exception = item.event.exception?.values?.[0]
  expect(exception).toMatchObject({ type: 'LedgerLockedError', value: 'ledger l_1 is locked' })
  expect(exception?.stacktrace?.frames?.length).toBeGreaterThan(0)
  expect(item.event.tags).toMatchObject({ requestId: 'req-ledger' })
  expect(item.event.message).toBe('Unhandled error in POST /ledger/:id')
})
