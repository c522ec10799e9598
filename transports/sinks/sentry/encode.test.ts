import type { Event } from '@sentry/node'
import { describe, expect, it } from 'vitest'
import { sinkCatalog } from '../../../test/support/sink-catalog.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { parseSentrySettings } from './config.js'
import { SentryEncoder, isAlertLine, sentryEventId, type SentryItem } from './encode.js'

const dsn = 'http://k@127.0.0.1:1/1'
const catalog = sinkCatalog()

function encoder(settings: Record<string, unknown> = {}, fallbacks: { release?: string; environment?: string } = {}): SentryEncoder {
  return new SentryEncoder(parseSentrySettings('sentry', { dsn, ...settings }, fallbacks), catalog)
}

let n = 0
function line(fields: Partial<LogLine>): LogLine {
  n += 1
  return {
    level: 'info',
    time: '2025-03-04T05:06:07.890Z',
    eventId: `7d444840-9dc0-11d1-b245-5ffdce74fa${String(n).padStart(2, '0')}`,
    service: 'brand-api',
    env: 'staging',
    ...fields,
  }
}

function eventOf(item: SentryItem): Event {
  if (item.type !== 'event') throw new Error(`expected an event, got ${item.type}`)
  return item.event
}

describe('SentryEncoder', () => {
  it('turns an error line into an exception event with tags, user and contexts', () => {
    const err = new TypeError('cannot read brand')
    const event = eventOf(
      encoder({}, { release: 'brand-api@1.2.3' }).encode(
        line({
          level: 'error',
          eventId: '7D444840-9DC0-11D1-B245-5FFDCE74FAD2',
          event: 'generation_failed',
          kind: 'error',
          msg: 'generation failed',
          err: { type: 'TypeError', message: err.message, stack: err.stack, code: 'E_BRAND' },
          requestId: 'req-1',
          brandId: 'brand-9',
          jobId: 'job-3',
          queue: 'logos',
          attempt: 2,
          model: 'gpt-image-1',
          userId: 'user-5',
          email: 'ada@example.com',
          tenantId: 'tenant-7',
          reason: 'timeout',
          hostname: 'web-1',
        }),
      ),
    )
    expect(event).toMatchObject({
      event_id: '7d4448409dc011d1b2455ffdce74fad2',
      timestamp: Date.parse('2025-03-04T05:06:07.890Z') / 1000,
      level: 'error',
      message: 'generation failed',
      environment: 'staging',
      release: 'brand-api@1.2.3',
      server_name: 'web-1',
      tags: { requestId: 'req-1', brandId: 'brand-9', tenantId: 'tenant-7', jobId: 'job-3', queue: 'logos', attempt: '2', event: 'generation_failed', service: 'brand-api' },
      user: { id: 'user-5', email: 'ada@example.com' },
      contexts: { tenant: { id: 'tenant-7' }, job: { id: 'job-3', queue: 'logos', attempt: 2 } },
      extra: { reason: 'timeout', model: 'gpt-image-1', err: { code: 'E_BRAND' } },
    })
    expect(event.tags).not.toHaveProperty('userId')
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'TypeError', value: 'cannot read brand' })
    expect(event.exception?.values?.[0]?.stacktrace?.frames?.length).toBeGreaterThan(0)
  })

  it('takes its tags from the destination tags list, else the catalog context fields', () => {
    const fields = { level: 'error' as const, msg: 'x', requestId: 'req-1', brandId: 'b-1', model: 'gpt-image-1', churchId: 'c-9', note: 'n'.repeat(300) }
    expect(eventOf(encoder({ tags: ['model', 'churchId', 'note'] }).encode(line(fields))).tags).toEqual({ model: 'gpt-image-1', churchId: 'c-9', note: 'n'.repeat(200), service: 'brand-api' })
    const neutral = new SentryEncoder(parseSentrySettings('sentry', { dsn }), { ...catalog, context: ['requestId', 'churchId', 'userId'] })
    const event = eventOf(neutral.encode(line({ ...fields, userId: 'u-1' })))
    expect(event.tags).toEqual({ requestId: 'req-1', churchId: 'c-9', service: 'brand-api' })
    expect(event.extra).toMatchObject({ brandId: 'b-1', model: 'gpt-image-1' })
  })

  it('treats an error-kind event below error level as an error', () => {
    const event = eventOf(encoder().encode(line({ level: 'warn', event: 'generation_failed', msg: 'retrying model' })))
    expect(event).toMatchObject({ level: 'error', message: 'retrying model', fingerprint: ['generation_failed'] })
    expect(event.exception).toBeUndefined()
  })

  it('keeps a metric at error level as a breadcrumb, so its error is reported once', () => {
    const enc = encoder()
    expect(enc.encode(line({ level: 'error', event: 'http_request', kind: 'metric', statusCode: 500, msg: 'GET /x 500' }))).toEqual({
      type: 'breadcrumb',
    })
    const event = eventOf(enc.encode(line({ level: 'error', event: 'generation_failed', kind: 'error', msg: 'boom' })))
    expect(event.breadcrumbs?.map((b) => b.message)).toEqual(['GET /x 500'])
  })

  it('takes the environment from settings first, then the line, then the catalog', () => {
    expect(eventOf(encoder({ environment: 'prod-eu' }).encode(line({ level: 'error', msg: 'x' }))).environment).toBe('prod-eu')
    expect(eventOf(encoder({}, { environment: 'dev' }).encode(line({ level: 'error', msg: 'x' }))).environment).toBe('staging')
    expect(eventOf(encoder({}, { environment: 'dev' }).encode(line({ level: 'error', msg: 'x', env: undefined }))).environment).toBe('dev')
  })

  it('keeps warn lines as breadcrumbs for the next event, bounded', () => {
    const enc = encoder({ maxBreadcrumbs: 2 })
    expect(enc.encode(line({ level: 'warn', msg: 'slow 1', event: 'slow_request', requestId: 'r1' }))).toEqual({ type: 'breadcrumb' })
    enc.encode(line({ level: 'warn', msg: 'slow 2' }))
    enc.encode(line({ level: 'warn', msg: 'slow 3', durationMs: 900 }))
    const event = eventOf(enc.encode(line({ level: 'fatal', msg: 'down' })))
    expect(event.level).toBe('fatal')
    expect(event.breadcrumbs).toEqual([
      { type: 'default', category: 'log', level: 'warning', message: 'slow 2', timestamp: expect.any(Number) as unknown },
      { type: 'default', category: 'log', level: 'warning', message: 'slow 3', timestamp: expect.any(Number) as unknown, data: { durationMs: 900 } },
    ])
  })

  it('sends alert lines as messages with the figures as extra', () => {
    const enc = encoder()
    const event = eventOf(
      enc.encode(line({ level: 'warn', event: 'cost_anomaly_detected', kind: 'cost', msg: 'AI spend 4x the usual', observedUsd: 41.5, expectedUsd: 10 })),
    )
    expect(event).toMatchObject({ level: 'warning', message: 'AI spend 4x the usual', extra: { observedUsd: 41.5, expectedUsd: 10 }, tags: { event: 'cost_anomaly_detected' } })
    expect(event.exception).toBeUndefined()
    const alert = eventOf(enc.encode(line({ level: 'error', event: 'alert_triggered', rule: 'error_burst', count: 12 })))
    expect(alert).toMatchObject({ level: 'error', message: 'alert_triggered', fingerprint: ['alert_triggered', 'error_burst'], extra: { rule: 'error_burst', count: 12 } })
  })

  it('recognises alert lines by name', () => {
    expect(isAlertLine(line({ event: 'alert_triggered' }))).toBe(true)
    expect(isAlertLine(line({ event: 'fraud_detected' }))).toBe(true)
    expect(isAlertLine(line({ event: 'logo_generated' }))).toBe(false)
  })

  it('skips the ignored connection errors', () => {
    const enc = encoder()
    expect(enc.encode(line({ level: 'error', err: { type: 'Error', message: 'read ECONNRESET', code: 'ECONNRESET' } }))).toMatchObject({ type: 'skip' })
    expect(enc.encode(line({ level: 'error', err: { type: 'Error', message: 'wrapped', cause: { message: 'socket hang up' } } }))).toMatchObject({ type: 'skip' })
    expect(enc.encode(line({ level: 'error', msg: 'write EPIPE' }))).toMatchObject({ type: 'skip' })
    expect(encoder({ ignoreErrors: [] }).encode(line({ level: 'error', msg: 'write EPIPE' })).type).toBe('event')
  })

  it('masks secrets that reached the message, the stack or a field', () => {
    const event = eventOf(
      encoder().encode(
        line({
          level: 'error',
          err: { type: 'Error', message: 'OpenAI 401 for key sk-live-abcdefghijklmnop', stack: 'Error: OpenAI 401 for key sk-live-abcdefghijklmnop\n    at f (/a.js:1:1)' },
          headers: { authorization: 'Bearer abcdefghijkl' },
          stripeSecret: 'whsec_1',
        }),
      ),
    )
    expect(JSON.stringify(event)).not.toMatch(/sk-live|abcdefghijkl|whsec_1/)
    expect(event.exception?.values?.[0]?.value).toBe('OpenAI 401 for key [REDACTED]')
  })

  it('derives a stable 32-hex id from a non-UUID eventId', () => {
    expect(sentryEventId('abc')).toMatch(/^[0-9a-f]{32}$/)
    expect(sentryEventId('abc')).toBe(sentryEventId('abc'))
  })
})
