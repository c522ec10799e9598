/**
 * The Sentry sink with the real @sentry/node client against a local receiver
 * that decodes the envelopes it gets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LogLine, Sink } from '../../transports/worker/delivery/types.js'
import { createSink, type SentryItem } from '../../transports/sinks/sentry/index.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { parseEnvelope, sentryEvents } from '../support/sentry-envelope.js'
import { sinkCatalog } from '../support/sink-catalog.js'

let receiver: HttpReceiver
const sinks: Sink<SentryItem>[] = []
const reports: { level: string; msg: string }[] = []

function sink(settings: Record<string, unknown> = {}): Sink<SentryItem> {
  const created = createSink(
    'errors',
    {
      settings: { dsn: `http://publickey@127.0.0.1:${receiver.port}/4242`, ...settings },
      catalog: sinkCatalog(),
      report: (level, msg) => void reports.push({ level, msg }),
    },
    { env: { SENTRY_RELEASE: 'brand-api@2.0.0' } },
  )
  sinks.push(created)
  return created
}

let seq = 0
function line(fields: Partial<LogLine>): LogLine {
  seq += 1
  return {
    level: 'info',
    time: `2025-06-01T10:00:${String(seq % 60).padStart(2, '0')}.123Z`,
    eventId: `0f8fad5b-d9cb-469f-a165-70867728${String(seq).padStart(4, '0')}`,
    service: 'brand-api',
    env: 'staging',
    hostname: 'web-1',
    pid: 7,
    ...fields,
  }
}

function send(s: Sink<SentryItem>, lines: LogLine[]) {
  return s.send(
    lines.map((l) => s.encode(l)),
    new AbortController().signal,
  )
}

function failingLookup(): Error {
  return new TypeError("Cannot read properties of undefined (reading 'palette')")
}

beforeEach(async () => {
  receiver = await startHttpReceiver()
})

afterEach(async () => {
  // closing must not hang: the test times out if a client keeps waiting
  await Promise.all(sinks.splice(0).map((s) => s.close?.()))
  await receiver.close()
})

describe('Sentry sink (real SDK, local receiver)', () => {
  it('delivers an error line as an exception event with tags, user, contexts and breadcrumbs', async () => {
    const s = sink()
    const warn1 = line({ level: 'warn', event: 'slow_request', msg: 'slow upstream', requestId: 'req-1', durationMs: 2300 })
    const warn2 = line({ level: 'warn', msg: 'retrying palette fetch' })
    const err = failingLookup()
    const failed = line({
      level: 'error',
      event: 'generation_failed',
      kind: 'error',
      msg: 'logo generation failed',
      err: { type: 'TypeError', message: err.message, stack: err.stack },
      requestId: 'req-1',
      brandId: 'brand-42',
      jobId: 'job-9',
      queue: 'logo-generation',
      attempt: 3,
      model: 'gpt-image-1',
      userId: 'user-17',
      tenantId: 'tenant-3',
      reason: 'palette missing',
    })
    const outcome = await send(s, [warn1, warn2, failed])
    expect(outcome).toEqual({ type: 'ok' })

    expect(receiver.requests).toHaveLength(1)
    const req = receiver.requests[0]!
    expect(req.url).toMatch(/^\/api\/4242\/envelope\/\?.*sentry_key=publickey/)
    const envelope = parseEnvelope(req.body)
    expect(envelope.header.event_id).toBe(failed.eventId.replace(/-/g, ''))
    expect(envelope.items.map((item) => item.header.type)).toEqual(['event'])
    const [event] = sentryEvents(receiver.requests)
    expect(event).toMatchObject({
      event_id: failed.eventId.replace(/-/g, ''),
      timestamp: Date.parse(failed.time) / 1000,
      level: 'error',
      platform: 'node',
      environment: 'staging',
      release: 'brand-api@2.0.0',
      server_name: 'web-1',
      message: 'logo generation failed',
      tags: { requestId: 'req-1', brandId: 'brand-42', tenantId: 'tenant-3', jobId: 'job-9', queue: 'logo-generation', attempt: '3', event: 'generation_failed' },
      user: { id: 'user-17' },
      contexts: { tenant: { id: 'tenant-3' }, job: { id: 'job-9', queue: 'logo-generation', attempt: 3 } },
      extra: { reason: 'palette missing', model: 'gpt-image-1' },
      exception: {
        values: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'palette')" }],
      },
      breadcrumbs: [
        { category: 'slow_request', level: 'warning', message: 'slow upstream', data: { durationMs: 2300, requestId: 'req-1' } },
        { category: 'log', level: 'warning', message: 'retrying palette fetch' },
      ],
    })
    const frames = (event as { exception: { values: { stacktrace: { frames: { function?: string; filename?: string }[] } }[] } }).exception
      .values[0]!.stacktrace.frames
    expect(frames.at(-1)).toMatchObject({ function: 'failingLookup', filename: expect.stringContaining('sentry.test.ts') as unknown })
  })

  it('delivers an alert line as a message with its figures', async () => {
    const s = sink()
    const alert = line({ level: 'warn', event: 'cost_anomaly_detected', kind: 'cost', msg: 'AI spend is 4.1x the hourly norm', observedUsd: 41, expectedUsd: 10 })
    expect(await send(s, [alert])).toEqual({ type: 'ok' })
    const [event] = sentryEvents(receiver.requests)
    expect(event).toMatchObject({
      event_id: alert.eventId.replace(/-/g, ''),
      level: 'warning',
      message: 'AI spend is 4.1x the hourly norm',
      extra: { observedUsd: 41, expectedUsd: 10 },
      tags: { event: 'cost_anomaly_detected' },
    })
    expect(event).not.toHaveProperty('exception')
  })

  it('never sends an ignored connection error and counts it as delivered', async () => {
    const s = sink()
    const reset = line({ level: 'error', msg: 'upstream dropped', err: { type: 'Error', message: 'read ECONNRESET', code: 'ECONNRESET' } })
    const real = line({ level: 'error', msg: 'real failure', err: { type: 'RangeError', message: 'bad size' } })
    expect(await send(s, [reset, real])).toEqual({ type: 'ok' })
    expect(sentryEvents(receiver.requests).map((e) => e.event_id)).toEqual([real.eventId.replace(/-/g, '')])
  })

  it('masks a secret that reached the error message', async () => {
    const s = sink()
    const leaky = line({
      level: 'error',
      err: { type: 'Error', message: 'OpenAI 401 with key sk-proj-Zx81KqLw00abcdefghij', stack: 'Error: OpenAI 401 with key sk-proj-Zx81KqLw00abcdefghij\n    at call (/app/ai.js:3:1)' },
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature',
    })
    expect(await send(s, [leaky])).toEqual({ type: 'ok' })
    expect(receiver.requests[0]!.text).not.toContain('sk-proj-Zx81')
    expect(receiver.requests[0]!.text).not.toContain('eyJhbGciOiJIUzI1NiJ9')
    const [event] = sentryEvents(receiver.requests) as [{ exception: { values: { value: string }[] } }]
    expect(event.exception.values[0]!.value).toBe('OpenAI 401 with key [REDACTED]')
  })

  it('classifies a 429 as retryAfter with the rate-limit seconds, and keeps waiting without sending', async () => {
    const s = sink()
    receiver.reply({ status: 429, headers: { 'x-sentry-rate-limits': '42:error:key', 'retry-after': '42' } })
    const outcome = await send(s, [line({ level: 'error', msg: 'limited' })])
    expect(outcome).toMatchObject({ type: 'retryAfter', ms: 42_000 })
    const again = await send(s, [line({ level: 'error', msg: 'still limited' })])
    expect(again.type).toBe('retryAfter')
    expect(again.type === 'retryAfter' && again.ms).toBeGreaterThan(30_000)
    expect(receiver.requests).toHaveLength(1)
  })

  it('classifies a 500 as retry and resends the same event id', async () => {
    const s = sink()
    receiver.reply({ status: 500 })
    const failing = line({ level: 'error', msg: 'flaky' })
    expect(await send(s, [failing])).toMatchObject({ type: 'retry', reason: 'HTTP 500' })
    expect(await send(s, [failing])).toEqual({ type: 'ok' })
    const ids = receiver.requests.map((r) => parseEnvelope(r.body).header.event_id)
    expect(ids).toEqual([failing.eventId.replace(/-/g, ''), failing.eventId.replace(/-/g, '')])
  })

  it('classifies a 403 as a loud reject', async () => {
    const s = sink()
    receiver.reply({ status: 403, body: { detail: 'event submission rejected with_reason: ProjectId' } })
    const outcome = await send(s, [line({ level: 'error', msg: 'x' })])
    expect(outcome).toMatchObject({ type: 'reject', loud: true })
    expect(outcome.type === 'reject' && outcome.reason).toMatch(/DSN/)
  })

  it('rejects only the event Sentry refused', async () => {
    const s = sink()
    const bad = line({ level: 'error', msg: 'malformed' })
    const badId = bad.eventId.replace(/-/g, '')
    receiver.fallback = (req) => (parseEnvelope(req.body).header.event_id === badId ? { status: 400, body: 'invalid event' } : { status: 200 })
    const outcome = await send(s, [line({ level: 'error', msg: 'a' }), bad, line({ level: 'error', msg: 'b' })])
    expect(outcome).toMatchObject({ type: 'reject', items: [1] })
    expect(receiver.requests).toHaveLength(3)
  })

  it('retries when the receiver is gone', async () => {
    const s = sink()
    await receiver.close()
    const outcome = await send(s, [line({ level: 'error', msg: 'nobody home' })])
    expect(outcome.type).toBe('retry')
    receiver = await startHttpReceiver()
  })

  it('gives up on an unanswered event when the delivery layer aborts, and closes within its timeout', async () => {
    const s = sink({ timeoutMs: 500 })
    receiver.reply({ hang: true })
    const controller = new AbortController()
    const pending = s.send([s.encode(line({ level: 'error', msg: 'hangs' }))], controller.signal)
    await receiver.waitFor((reqs) => reqs.length === 1)
    controller.abort()
    expect(await pending).toMatchObject({ type: 'retry', reason: expect.stringContaining('timeout') as unknown })
  })

  it('reports unknown settings once when created', () => {
    reports.length = 0
    sink({ dns: 'typo' })
    expect(reports).toEqual([{ level: 'warn', msg: 'destination "errors" (sentry) ignores unknown settings: dns' }])
  })
})
