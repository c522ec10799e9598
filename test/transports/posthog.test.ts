/**
 * The PostHog sink with the real posthog-node client against a local
 * receiver that decodes the `/batch/` requests it gets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LogLine, Sink } from '../../transports/worker/delivery/types.js'
import { createPosthogSink, type PosthogItem } from '../../transports/sinks/posthog/index.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { parsePosthogBatch } from '../support/posthog-batch.js'
import { sinkCatalog } from '../support/sink-catalog.js'

let receiver: HttpReceiver
const sinks: Sink<PosthogItem>[] = []

function sink(settings: Record<string, unknown> = {}): Sink<PosthogItem> {
  const created = createPosthogSink('product', {
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

function send(s: Sink<PosthogItem>, lines: LogLine[], signal = new AbortController().signal) {
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

describe('PostHog sink (real posthog-node, local receiver)', () => {
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
    expect(await send(s, lines)).toMatchObject({ type: 'retry', reason: 'HTTP 500' })
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

  it('asks the delivery layer to split on 413 instead of halving inside the client', async () => {
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
})
