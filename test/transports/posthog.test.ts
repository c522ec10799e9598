/**
 * The PostHog sink against a local receiver that decodes the `/batch/` (v0)
 * and `/i/v1/analytics/events` (v1) requests it gets, as PostHog's capture service reads them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LogLine, Sink } from '../../transports/worker/delivery/types.js'
import { createSink, type PosthogWireItem } from '../../transports/sinks/posthog/index.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { parsePosthogBatch, parsePosthogV1Batch } from '../support/posthog-batch.js'
import { sinkCatalog } from '../support/sink-catalog.js'

let receiver: HttpReceiver
const sinks: Sink<PosthogWireItem>[] = []

function sink(settings: Record<string, unknown> = {}): Sink<PosthogWireItem> {
  const created = createSink('product', {
    settings: {
      apiKey: 'phc_testproject',
      host: receiver.url,
      identify: ['user_signed_up'],
      alias: { event: 'user_signed_up', from: 'anonymousId' },
      ...settings,
    },
    catalog: sinkCatalog(),
    report: () => undefined,
  })
  sinks.push(created)
  return created
}

let seq = 0
function line(fields: Partial<LogLine>): LogLine {
  seq += 1
  return {
    level: 'info',
    time: `2025-06-01T10:00:${String(seq % 60).padStart(2, '0')}.456Z`,
    eventId: `3b241101-e2bb-4255-8caf-4136c566${String(seq).padStart(4, '0')}`,
    service: 'brand-api',
    env: 'production',
    kind: 'analytics',
    ...fields,
  }
}

function send(s: Sink<PosthogWireItem>, lines: LogLine[], signal = new AbortController().signal) {
  return s.send(
    lines.map((l) => s.encode(l)),
    signal,
  )
}

beforeEach(async () => {
  receiver = await startHttpReceiver()
})

afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close?.()))
  await receiver.close()
})

describe('PostHog sink (local receiver)', () => {
  it('delivers a batch to /batch/ with the api key, names, distinct ids, uuids and times', async () => {
    const s = sink()
    const logo = line({ event: 'logo_generated', userId: 'user-17', requestId: 'req-1', brandId: 'brand-42', tenantId: 'tenant-3', style: 'minimal', count: 4, prompt: 'a fox' })
    const signup = line({ event: 'user_signed_up', accountId: 'acct-5', anonymousId: 'anon-77', plan: 'pro', fullName: 'Ada Lovelace', referrer: 'newsletter' })
    expect(await send(s, [logo, signup])).toEqual({ type: 'ok' })

    expect(receiver.requests).toHaveLength(1)
    const req = receiver.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/batch/')
    const batch = parsePosthogBatch(req)
    expect(batch.api_key).toBe('phc_testproject')
    expect(batch.batch.map((m) => m.event)).toEqual(['logo_generated', 'user_signed_up', '$identify', '$create_alias'])

    const byEvent = Object.fromEntries(batch.batch.map((m) => [m.event, m]))
    expect(byEvent.logo_generated).toMatchObject({
      distinct_id: 'user-17',
      uuid: logo.eventId,
      timestamp: logo.time,
      properties: { source: 'server', style: 'minimal', count: 4, requestId: 'req-1', brandId: 'brand-42', tenantId: 'tenant-3', userId: 'user-17', service: 'brand-api', environment: 'production' },
    })
    expect(byEvent.logo_generated!.properties).not.toHaveProperty('prompt')
    expect(byEvent.user_signed_up).toMatchObject({ distinct_id: 'acct-5', uuid: signup.eventId, timestamp: signup.time, properties: { source: 'server', plan: 'pro' } })
    expect(byEvent.user_signed_up!.properties).not.toHaveProperty('fullName')
    expect(byEvent.$identify).toMatchObject({ distinct_id: 'acct-5', timestamp: signup.time, properties: { $set: { accountId: 'acct-5', plan: 'pro', referrer: 'newsletter' } } })
    expect(byEvent.$create_alias).toMatchObject({ distinct_id: 'acct-5', properties: { distinct_id: 'acct-5', alias: 'anon-77' } })
    expect(new Set(batch.batch.map((m) => m.uuid)).size).toBe(4)
  })

  it('classifies a 500 as retry and resends the same uuids', async () => {
    const s = sink()
    receiver.reply({ status: 500, body: 'oops' })
    const lines = [line({ event: 'user_signed_up', accountId: 'acct-1', plan: 'free' }), line({ event: 'logo_generated', userId: 'u2' })]
    expect(await send(s, lines)).toMatchObject({ type: 'retry', reason: 'HTTP 500: oops' })
    expect(await send(s, lines)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(2)
    const [first, second] = receiver.requests.map((r) => parsePosthogBatch(r).batch.map((m) => m.uuid).sort())
    expect(second).toEqual(first)
  })

  it('classifies a 401 as a loud reject', async () => {
    const s = sink()
    receiver.reply({ status: 401, body: { type: 'authentication_error', detail: 'Project API key invalid' } })
    const outcome = await send(s, [line({ event: 'logo_generated', userId: 'u1' })])
    expect(outcome).toMatchObject({ type: 'reject', loud: true })
    expect(receiver.requests).toHaveLength(1)
  })

  it('waits what a 429 asks', async () => {
    const s = sink()
    receiver.reply({ status: 429, headers: { 'retry-after': '12' } })
    expect(await send(s, [line({ event: 'logo_generated', userId: 'u1' })])).toMatchObject({ type: 'retryAfter', ms: 12_000 })
  })

  it('asks the delivery layer to split on 413', async () => {
    const s = sink()
    receiver.reply({ status: 413 })
    const outcome = await send(s, [line({ event: 'logo_generated', userId: 'a' }), line({ event: 'logo_generated', userId: 'b' })])
    expect(outcome.type).toBe('split')
    expect(receiver.requests).toHaveLength(1)
  })

  it('retries when the receiver is gone', async () => {
    const s = sink()
    await receiver.close()
    expect((await send(s, [line({ event: 'logo_generated', userId: 'u1' })])).type).toBe('retry')
    receiver = await startHttpReceiver()
  })

  it('gives up when the delivery layer aborts a hanging request, and leaves nothing queued behind', async () => {
    const s = sink()
    receiver.reply({ hang: true })
    const controller = new AbortController()
    const pending = send(s, [line({ event: 'logo_generated', userId: 'u1' })], controller.signal)
    await receiver.waitFor((reqs) => reqs.length === 1)
    controller.abort()
    expect(await pending).toMatchObject({ type: 'retry', reason: expect.stringContaining('timeout') as unknown })
    const next = line({ event: 'logo_generated', userId: 'u2' })
    expect(await send(s, [next])).toEqual({ type: 'ok' })
    expect(parsePosthogBatch(receiver.requests[1]!).batch.map((m) => m.uuid)).toEqual([next.eventId])
  })

  it('posts one batch of up to its item limit, and declares PostHog limits', async () => {
    const s = sink()
    expect(s.limits).toEqual({ maxItems: 1000, maxBytes: 20_000_000 - 64 * 1024, maxLineBytes: 1_000_000 - 4096, maxInFlight: 4 })
    const lines = Array.from({ length: 1000 }, (_, i) => line({ event: 'logo_generated', userId: `u-${i}` }))
    expect(await send(s, lines)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
    expect(parsePosthogBatch(receiver.requests[0]!).batch.map((m) => m.uuid)).toEqual(lines.map((l) => l.eventId))
    const item = s.encode(lines[0]!)
    expect(s.itemBytes?.(item)).toBe(Buffer.byteLength(item.json) + 1)
  })
})

describe('PostHog sink, capture v1 (per-event results)', () => {
  const v1 = () => sink({ captureMode: 'v1' })
  const results = (entries: Record<string, string>) => ({ results: Object.fromEntries(Object.entries(entries).map(([uuid, result]) => [uuid, { result, details: `${result} details` }])) })

  it('posts to /i/v1/analytics/events with the Bearer key, options and the same uuids', async () => {
    const s = v1()
    const anonymous = line({ event: 'logo_generated', style: 'flat' })
    expect(await send(s, [anonymous])).toEqual({ type: 'ok' })
    const req = receiver.requests[0]!
    expect(req.url).toBe('/i/v1/analytics/events')
    expect(req.headers.authorization).toBe('Bearer phc_testproject')
    const batch = parsePosthogV1Batch(req)
    expect(batch.batch[0]).toMatchObject({ event: 'logo_generated', uuid: anonymous.eventId, distinct_id: 'brand-api', timestamp: anonymous.time, options: { process_person_profile: false } })
    expect(batch.batch[0]!.properties).not.toHaveProperty('$process_person_profile')
  })

  it('rejects exactly the dropped events, by their index, and delivers the rest', async () => {
    const s = v1()
    const lines = [1, 2, 3].map((n) => line({ event: 'logo_generated', userId: `u-${n}` }))
    receiver.reply({ status: 200, body: results({ [lines[1]!.eventId]: 'drop', [lines[0]!.eventId]: 'ok' }) })
    const outcome = await send(s, lines)
    expect(outcome).toEqual({ type: 'reject', reason: 'PostHog dropped 1 of 3 events: drop details', items: [1] })
    expect(receiver.requests).toHaveLength(1)
  })

  it('sends the events PostHog asks to retry again alone, then reports the drops', async () => {
    const s = v1()
    const lines = [1, 2, 3, 4].map((n) => line({ event: 'logo_generated', userId: `u-${n}` }))
    const [a, b, c, d] = lines.map((l) => l.eventId) as [string, string, string, string]
    receiver.reply({ status: 200, body: results({ [a]: 'retry', [b]: 'ok', [c]: 'drop', [d]: 'retry' }) }, { status: 200, body: results({ [a]: 'ok', [d]: 'ok' }) })
    expect(await send(s, lines)).toMatchObject({ type: 'reject', items: [2] })
    expect(receiver.requests).toHaveLength(2)
    expect(parsePosthogV1Batch(receiver.requests[1]!).batch.map((m) => m.uuid)).toEqual([a, d])
    expect(receiver.requests[1]!.headers['posthog-attempt']).toBe('2')
  })

  it('makes the batch a retry when PostHog keeps asking to retry an event', async () => {
    const s = v1()
    const lines = [line({ event: 'logo_generated', userId: 'u-1' }), line({ event: 'logo_generated', userId: 'u-2' })]
    receiver.fallback = { status: 200, body: results({ [lines[0]!.eventId]: 'retry' }) }
    expect(await send(s, lines)).toEqual({ type: 'retry', reason: 'PostHog asked to retry 1 of 2 events' })
    expect(receiver.requests).toHaveLength(3)
  })

  it('retries an answer that is not a result map', async () => {
    const s = v1()
    receiver.reply({ status: 200, body: 'ok' })
    expect((await send(s, [line({ event: 'logo_generated', userId: 'u' })])).type).toBe('retry')
  })
})
