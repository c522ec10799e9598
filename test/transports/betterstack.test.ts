import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { createSink } from '../../transports/sinks/betterstack/index.js'
import { compiledCatalog } from '../support/compiled-catalog.js'
import { receiverForFile, sinkContext } from '../support/sink-test.js'

const catalog = compiledCatalog({ context: ['requestId', 'userId'] })

function line(n: number, level: LogLine['level'] = 'error'): LogLine {
  return {
    level,
    time: `2025-03-04T05:06:0${n}.000Z`,
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    service: 'api',
    env: 'production',
    event: 'database_error',
    kind: 'error',
    msg: `query ${n} failed`,
    requestId: `req-${n}`,
    err: { type: 'Error', message: 'connection reset' },
  }
}

describe('betterstack sink against a local receiver', () => {
  const receiver = receiverForFile({ status: 202, body: '' })
  const signal = new AbortController().signal
  const context = (settings: Record<string, unknown> = {}) => sinkContext(catalog, { token: 'src-token', url: `${receiver.url}/ingest`, ...settings })


  it('posts a gzipped JSON array with the bearer token and dt from the line time', async () => {
    const sink = await createSink('logs', context())
    const outcome = await sink.send([line(1), line(2)].map((l) => sink.encode(l)), signal)
    expect(outcome).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
    const req = receiver.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/ingest')
    expect(req.headers.authorization).toBe('Bearer src-token')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['content-encoding']).toBe('gzip')
    expect(req.json).toEqual([
      { ...line(1), dt: '2025-03-04T05:06:01.000Z' },
      { ...line(2), dt: '2025-03-04T05:06:02.000Z' },
    ])
  })

  it('sends only lines at or above the level and skips the request when none is left', async () => {
    const sink = await createSink('logs', context({ level: 'warn' }))
    const batch = [line(1, 'info'), line(2, 'warn'), line(3, 'debug'), line(4, 'error')].map((l) => sink.encode(l))
    expect(await sink.send(batch, signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
    expect((receiver.requests[0]!.json as { eventId: string }[]).map((r) => r.eventId)).toEqual([line(2).eventId, line(4).eventId])

    expect(await sink.send([sink.encode(line(5, 'info'))], signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
  })

  it('sends plain JSON when gzip is off', async () => {
    const sink = await createSink('logs', context({ gzip: false }))
    await sink.send([sink.encode(line(1))], signal)
    expect(receiver.requests[0]!.headers['content-encoding']).toBeUndefined()
  })

  it('classifies 500 as retry, 429 Retry-After as a wait, 413 as split', async () => {
    const sink = await createSink('logs', context())
    const batch = [sink.encode(line(1))]
    receiver.reply({ status: 500, body: 'oops' }, { status: 429, headers: { 'retry-after': '12' } }, { status: 413, body: 'payload reached size limit' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'retry', reason: 'HTTP 500: oops' })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'retryAfter', ms: 12_000 })
    expect(await sink.send(batch, signal)).toEqual({ type: 'split', reason: 'HTTP 413: payload reached size limit' })
  })

  it('rejects loudly on a bad token (403) and an exhausted quota (402)', async () => {
    const sink = await createSink('logs', context())
    receiver.reply({ status: 403, body: 'Unauthorized' }, { status: 402, body: 'Quota exceeded' }, { status: 406, body: "Couldn't parse JSON content." })
    expect(await sink.send([sink.encode(line(1))], signal)).toEqual({ type: 'reject', reason: 'HTTP 403: Unauthorized', loud: true })
    expect(await sink.send([sink.encode(line(1))], signal)).toEqual({ type: 'reject', reason: 'HTTP 402: Quota exceeded', loud: true })
    expect(await sink.send([sink.encode(line(1))], signal)).toEqual({ type: 'reject', reason: "HTTP 406: Couldn't parse JSON content." })
  })

  it('sends the raw line text with dt spliced in, as written by the emitter', async () => {
    const sink = await createSink('logs', context())
    const raw = JSON.stringify({ ...line(1), nested: { order: [3, 1, 2] } })
    await sink.send([sink.encode(line(1), raw)], signal)
    expect(receiver.requests[0]!.text).toBe(`[${raw.slice(0, -1)},"dt":"2025-03-04T05:06:01.000Z"}]`)
  })

  it('keeps several requests in flight over one keep-alive agent', async () => {
    const sink = await createSink('logs', context())
    const sends = Array.from({ length: 8 }, (_, i) => sink.send([sink.encode(line(i % 9))], signal))
    expect(await Promise.all(sends)).toEqual(Array.from({ length: 8 }, () => ({ type: 'ok' })))
    const sockets = new Set(receiver.requests.map((r) => r.remotePort))
    expect(receiver.requests).toHaveLength(8)
    expect(sockets.size).toBeLessThanOrEqual(sink.limits?.maxInFlight ?? 0)
    await sink.close?.()
  })

  it('declares Better Stack limits: bytes per request, bytes per record, requests in flight', async () => {
    const sink = await createSink('logs', context())
    expect(sink.limits).toEqual({ maxItems: 10_000, maxBytes: 10 * 1024 * 1024 - 16 * 1024, maxLineBytes: 10 * 1024 * 1024 - 16 * 1024, maxInFlight: 4 })
    expect(sink.itemBytes?.(sink.encode(line(1), '{"a":"é"}'))).toBe(Buffer.byteLength('{"a":"é","dt":"2025-03-04T05:06:01.000Z"}'))
  })

  it('refuses bad settings at creation', () => {
    expect(() => createSink('logs', { settings: { url: 'x' }, catalog, report: () => {} })).toThrow(/destination "logs" \(betterstack\)/)
  })
})
