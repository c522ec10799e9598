import { describe, expect, it } from 'vitest'
import type { CompiledEvent, EventKind } from '../../schema/compiled.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { createSink } from '../../transports/sinks/mixpanel/index.js'
import { compiledCatalog, compiledEvent } from '../support/compiled-catalog.js'
import { receiverForFile, sinkContext } from '../support/sink-test.js'

function event(name: string, kind: EventKind, distinctId?: string): CompiledEvent {
  return compiledEvent(name, { kind, to: ['product'], ...(distinctId ? { distinctId } : {}) })
}

const catalog = compiledCatalog({
  context: ['requestId', 'userId'],
  events: {
    logo_generated: event('logo_generated', 'analytics', 'userId'),
    ai_cost_recorded: event('ai_cost_recorded', 'cost'),
    payment_failed: event('payment_failed', 'error'),
  },
})

function line(n: number, fields: Partial<LogLine> = {}): LogLine {
  return {
    level: 'info',
    time: `2025-03-04T05:06:0${n}.000Z`,
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    service: 'api',
    env: 'production',
    event: 'logo_generated',
    kind: 'analytics',
    msg: 'logo generated',
    requestId: `req-${n}`,
    userId: `user-${n}`,
    style: 'minimal',
    ...fields,
  }
}

const basic = (value: string | undefined) => Buffer.from(String(value).replace(/^Basic /, ''), 'base64').toString()

describe('mixpanel sink against a local receiver', () => {
  const receiver = receiverForFile({ status: 200, body: { code: 200, num_records_imported: 1, status: 'OK' } })
  const signal = new AbortController().signal
  const context = (settings: Record<string, unknown> = {}) => sinkContext(catalog, { url: `${receiver.url}/import`, serviceAccountUser: 'sa.user', serviceAccountSecret: 'sa-secret', projectId: '4242', ...settings })


  it('posts a gzipped JSON array to /import?strict=1&project_id with service-account basic auth', async () => {
    const sink = await createSink('product', context())
    const outcome = await sink.send([sink.encode(line(1)), sink.encode(line(2, { event: 'ai_cost_recorded', kind: 'cost', userId: undefined, costUsd: 0.12 }))], signal)
    expect(outcome).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
    const req = receiver.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/import?strict=1&project_id=4242')
    expect(basic(req.headers.authorization)).toBe('sa.user:sa-secret')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['content-encoding']).toBe('gzip')
    expect(req.json).toEqual([
      {
        event: 'logo_generated',
        properties: {
          time: Date.parse('2025-03-04T05:06:01.000Z'),
          distinct_id: 'user-1',
          $insert_id: '00000000-0000-4000-8000-000000000001',
          requestId: 'req-1',
          userId: 'user-1',
          style: 'minimal',
          service: 'api',
          env: 'production',
        },
      },
      {
        event: 'ai_cost_recorded',
        properties: {
          time: Date.parse('2025-03-04T05:06:02.000Z'),
          distinct_id: '',
          $insert_id: '00000000-0000-4000-8000-000000000002',
          requestId: 'req-2',
          style: 'minimal',
          costUsd: 0.12,
          service: 'api',
          env: 'production',
        },
      },
    ])
  })

  it('authenticates with the project token alone', async () => {
    const sink = await createSink('product', context({ serviceAccountUser: undefined, serviceAccountSecret: undefined, projectId: undefined, token: 'proj-token' }))
    await sink.send([sink.encode(line(1))], signal)
    expect(receiver.requests[0]!.url).toBe('/import?strict=1')
    expect(basic(receiver.requests[0]!.headers.authorization)).toBe('proj-token:')
  })

  it('skips non-analytics lines and sends nothing for a batch of only those', async () => {
    const sink = await createSink('product', context())
    expect(sink.encode(line(1, { event: 'payment_failed', kind: 'error' }))).toBeNull()
    expect(await sink.send([null], signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(0)
  })

  it('rejects exactly the failed records of a strict 400, by their index in the batch', async () => {
    const sink = await createSink('product', context())
    // index 1 of the batch is skipped (an error event), so the request carries 4 events: batch 0, 2, 3, 4
    const batch = [line(1), line(2, { event: 'payment_failed', kind: 'error' }), line(3), line(4), line(5)].map((l) => sink.encode(l))
    receiver.reply({
      status: 400,
      body: {
        code: 400,
        error: 'some data points in the request failed validation',
        status: 'Bad Request',
        num_records_imported: 2,
        failed_records: [
          { index: 1, insert_id: '00000000-0000-4000-8000-000000000003', field: 'properties.time', message: "'properties.time' is invalid" },
          { index: 3, insert_id: '00000000-0000-4000-8000-000000000005', field: 'properties.distinct_id', message: 'invalid distinct_id' },
        ],
      },
    })
    const outcome = await sink.send(batch, signal)
    expect((receiver.requests[0]!.json as unknown[]).length).toBe(4)
    expect(outcome).toEqual({
      type: 'reject',
      items: [2, 4],
      reason: "HTTP 400: 2 of 4 events failed validation: [1] properties.time: 'properties.time' is invalid; [3] properties.distinct_id: invalid distinct_id",
    })
  })

  it('rejects the whole batch on a 400 that names no record', async () => {
    const sink = await createSink('product', context())
    receiver.reply({ status: 400, body: { code: 400, error: 'invalid JSON' } })
    const outcome = await sink.send([sink.encode(line(1))], signal)
    expect(outcome).toMatchObject({ type: 'reject' })
    expect(outcome.type === 'reject' && outcome.items).toBeUndefined()
  })

  it('classifies 500 as retry, 429 Retry-After as a wait, 413 as split, 401/403 as loud', async () => {
    const sink = await createSink('product', context())
    const batch = [sink.encode(line(1))]
    receiver.reply(
      { status: 500 },
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 413 },
      { status: 401, body: { error: 'Invalid credentials' } },
      { status: 403 },
    )
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'retry' })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'retryAfter', ms: 30_000 })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'split' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'reject', loud: true, reason: 'HTTP 401: {"error":"Invalid credentials"}' })
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'reject', loud: true })
  })

  it('declares the /import limits', async () => {
    const sink = await createSink('product', context())
    expect(sink.limits?.maxItems).toBe(2000)
    expect(sink.limits?.maxBytes).toBeLessThanOrEqual(10_000_000)
    expect(sink.limits?.maxLineBytes).toBeLessThan(1_000_000)
    expect(sink.limits?.maxInFlight).toBeGreaterThan(1)
  })

  it('measures an item by the bytes of its event JSON', async () => {
    const sink = await createSink('product', context())
    const item = sink.encode(line(1, { style: 'ünïcode' }))
    expect(sink.itemBytes?.(item)).toBe(Buffer.byteLength(item ?? ''))
    expect(sink.itemBytes?.(null)).toBe(0)
  })
})
