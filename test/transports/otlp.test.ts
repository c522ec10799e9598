import { randomUUID } from 'node:crypto'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { createSink } from '../../transports/sinks/otlp/index.js'
import { openTransport } from '../../transports/main/open-transport.js'
import { compiledCatalog } from '../support/compiled-catalog.js'
import { decodedRecords, partialSuccessResponse, type DecodedRecord } from '../support/otlp-decode.js'
import { receiverForFile, sinkContext } from '../support/sink-test.js'
import { assertBuilt, tempDirs } from '../support/transport-fixtures.js'
import type { Level } from '../../core/level.js'

const catalog = compiledCatalog({ service: 'brand-api' })
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const SPAN = '00f067aa0ba902b7'

/** The fields of `line(n)` that become attributes. */
function attributes(n: number): Record<string, unknown> {
  return {
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    event: 'generation_failed',
    kind: 'error',
    requestId: `req-${n}`,
    attempt: 2,
    costUsd: 0.25,
    retried: false,
    tags: ['a', 'b'],
    note: null,
    err: { type: 'Error', message: 'connection reset', code: 'ECONNRESET' },
  }
}

function line(n: number, level: Level = 'error', extra: Record<string, unknown> = {}): LogLine {
  return {
    level,
    time: `2025-03-04T05:06:0${n}.123Z`,
    service: 'brand-api',
    env: 'production',
    ...(attributes(n) as { eventId: string }),
    msg: `generation ${n} failed`,
    ...extra,
  }
}

/** What every encoding must produce for `line(n)` (service and env as resource attributes). */
function expected(n: number, level: Level = 'error', severity = 17): Partial<DecodedRecord> {
  return {
    resource: { 'service.name': 'brand-api', 'deployment.environment': 'production', 'deployment.environment.name': 'production' },
    scope: 'linecast',
    timeUnixNano: BigInt(Date.parse(`2025-03-04T05:06:0${n}.123Z`)) * 1_000_000n,
    severityNumber: severity,
    severityText: level,
    body: `generation ${n} failed`,
    eventName: 'generation_failed',
    attributes: attributes(n),
  }
}

describe('otlp sink against a local receiver decoding with the OTLP definitions', () => {
  const receiver = receiverForFile({ status: 200, body: {} })
  const signal = new AbortController().signal
  const context = (settings: Record<string, unknown> = {}, report: (msg: string, fields?: Record<string, unknown>) => void = () => {}) => ({
    ...sinkContext(catalog, { endpoint: receiver.url, ...settings }),
    report: (_level: Level, msg: string, fields?: Record<string, unknown>) => report(msg, fields),
  })

  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    it(`posts ${protocol}, gzipped, to /v1/logs: one LogRecord per line with severity, body, attributes and resource`, async () => {
      const sink = createSink('otel', context({ protocol }))
      const outcome = await sink.send([line(1), line(2, 'warn')].map((l) => sink.encode(l)), signal)
      expect(outcome).toEqual({ type: 'ok' })
      expect(receiver.requests).toHaveLength(1)
      const request = receiver.requests[0]!
      expect(request.url).toBe('/v1/logs')
      expect(request.headers['content-encoding']).toBe('gzip')
      expect(request.headers['content-type']).toBe(protocol === 'http/json' ? 'application/json' : 'application/x-protobuf')
      const records = decodedRecords(receiver.requests)
      expect(records).toHaveLength(2)
      expect(records[0]).toMatchObject(expected(1))
      expect(records[1]).toMatchObject(expected(2, 'warn', 13))
      expect(records[0]!.traceId).toBeUndefined()
      expect(records[0]!.observedTimeUnixNano).toBeGreaterThan(0n)
    })

    it(`sets trace_id and span_id from the line's traceId and spanId (${protocol})`, async () => {
      const sink = createSink('otel', context({ protocol }))
      await sink.send([sink.encode(line(1, 'info', { traceId: TRACE, spanId: SPAN })), sink.encode(line(2, 'info', { traceId: 'not-a-trace' }))], signal)
      const [traced, plain] = decodedRecords(receiver.requests)
      expect(traced).toMatchObject({ traceId: TRACE, spanId: SPAN, severityNumber: 9 })
      expect(traced!.attributes.traceId).toBeUndefined()
      expect(traced!.attributes.spanId).toBeUndefined()
      expect(plain!.traceId).toBeUndefined()
      expect(plain!.attributes.traceId).toBe('not-a-trace')
    })
  }

  it('keeps long and non-ASCII strings, negative and large integers, nested lists and objects exact', async () => {
    const values = {
      long: 'x'.repeat(300),
      huge: 'é'.repeat(40_000),
      negative: -5,
      large: 2 ** 40,
      fraction: -1.5e-7,
      nested: [{ a: [1, 'two', { b: true }] }, []],
    }
    const sink = createSink('otel', context())
    await sink.send([sink.encode(line(1, 'info', values))], signal)
    expect(decodedRecords(receiver.requests)[0]!.attributes).toMatchObject(values)
  })

  it('groups records by resource and lets settings name the service and environment', async () => {
    const sink = createSink('otel', context())
    const other = { service: 'worker', env: 'staging' }
    await sink.send([line(1), line(2, 'info', other), line(3)].map((l) => sink.encode(l)), signal)
    const records = decodedRecords(receiver.requests)
    expect(records.map((r) => [r.resource['service.name'], r.attributes.eventId])).toEqual([
      ['brand-api', line(1).eventId],
      ['brand-api', line(3).eventId],
      ['worker', line(2).eventId],
    ])

    receiver.requests.length = 0
    const named = createSink('otel', context({ serviceName: 'brand', environment: 'prod-eu', gzip: false, headers: { 'x-api-key': 'k1' } }))
    await named.send([named.encode(line(1, 'info', other))], signal)
    expect(receiver.requests[0]!.headers['x-api-key']).toBe('k1')
    expect(receiver.requests[0]!.headers['content-encoding']).toBeUndefined()
    expect(decodedRecords(receiver.requests)[0]!.resource).toEqual({
      'service.name': 'brand',
      'deployment.environment': 'prod-eu',
      'deployment.environment.name': 'prod-eu',
    })
  })

  it('keeps an endpoint path as the full logs URL', async () => {
    const sink = createSink('otel', context({ endpoint: `${receiver.url}/otlp/v1/logs` }))
    await sink.send([sink.encode(line(1))], signal)
    expect(receiver.requests[0]!.url).toBe('/otlp/v1/logs')
  })

  it('reports refused records of a partial success at error level and does not send them again', async () => {
    const reports: { msg: string; fields?: Record<string, unknown> }[] = []
    const sink = createSink('otel', context({}, (msg, fields) => void reports.push({ msg, ...(fields ? { fields } : {}) })))
    receiver.reply(
      { status: 200, headers: { 'content-type': 'application/x-protobuf' }, body: partialSuccessResponse(1, 'attribute too long') },
      { status: 200, body: { partialSuccess: { rejectedLogRecords: '2', errorMessage: 'quota' } } },
    )
    expect(await sink.send([line(1), line(2)].map((l) => sink.encode(l)), signal)).toEqual({ type: 'ok' })
    expect(await sink.send([line(1), line(2)].map((l) => sink.encode(l)), signal)).toEqual({ type: 'ok' })
    expect(reports.map((r) => r.fields?.count)).toEqual([1, 2])
    expect(reports[0]!.msg).toMatch(/refused 1 of 2 log records.*attribute too long/)
  })

  it('retries 503 after Retry-After and 502, rejects 400', async () => {
    const sink = createSink('otel', context())
    const batch = [sink.encode(line(1))]
    receiver.reply({ status: 503, headers: { 'retry-after': '3' } }, { status: 502 }, { status: 400, body: { code: 3, message: 'bad record' } })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'retryAfter', ms: 3000 })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'retry' })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'reject', reason: expect.stringContaining('bad record') })
  })

  it('refuses settings without an endpoint or with an unknown protocol', () => {
    expect(() => createSink('otel', sinkContext(catalog, {}))).toThrow(/destination "otel" \(otlp\)[\s\S]*endpoint/)
    expect(() => createSink('otel', sinkContext(catalog, { endpoint: receiver.url, protocol: 'grpc' }))).toThrow(/protocol must be one of/)
  })

  it('delivers every line written through the transport worker once', async () => {
    assertBuilt()
    const transport = openTransport({
      catalog: compiledCatalog({
        service: 'brand-api',
        destinations: { otel: { kind: 'otlp', settings: { endpoint: '${OTLP_URL}' } } },
        routes: { info: ['otel'] },
      }),
      env: { OTLP_URL: receiver.url },
      ...tempDirs(),
      flushIntervalMs: 20,
      handleSignals: false,
      diagnostics: 'none',
    })
    const log = pino({ base: { service: 'brand-api' }, formatters: { level: (label) => ({ level: label }) }, timestamp: pino.stdTimeFunctions.isoTime }, transport.stream)
    const ids = Array.from({ length: 500 }, () => randomUUID())
    ids.forEach((eventId, i) => log.info({ eventId, event: 'logo_generated', kind: 'analytics', n: i }, `logo ${i}`))
    await transport.flush()
    await transport.close()
    const records = decodedRecords(receiver.requests)
    expect(records.map((r) => r.attributes.eventId)).toEqual(ids)
    expect(records[7]).toMatchObject({ body: 'logo 7', severityText: 'info', eventName: 'logo_generated', attributes: { n: 7 } })
  })
})
