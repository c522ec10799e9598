/**
 * The Sentry sink under load and across settings, with the real @sentry/node
 * client against a local receiver: the transport window, bursts larger than
 * it, catalog templates for release and environment, and rate limits per
 * category (events: error, check-ins: monitor).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LogLine, Outcome, Sink } from '../../transports/worker/delivery/types.js'
import { createSink, SENTRY_WINDOW, type SentryItem } from '../../transports/sinks/sentry/index.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { parseEnvelope, sentryEvents } from '../support/sentry-envelope.js'
import { sinkCatalog } from '../support/sink-catalog.js'

let receiver: HttpReceiver
const sinks: Sink<SentryItem>[] = []

function sink(settings: Record<string, unknown> = {}, catalog = sinkCatalog(), env: NodeJS.ProcessEnv = {}): Sink<SentryItem> {
  const created = createSink('errors', { settings: { dsn: `http://publickey@127.0.0.1:${receiver.port}/7`, ...settings }, catalog, report: () => undefined }, { env })
  sinks.push(created)
  return created
}

let seq = 0
function errorLine(fields: Partial<LogLine> = {}): LogLine {
  seq += 1
  return {
    level: 'error',
    time: new Date().toISOString(),
    eventId: `6a0b1c2d-3e4f-4a5b-8c6d-${String(seq).padStart(12, '0')}`,
    service: 'brand-api',
    event: 'generation_failed',
    kind: 'error',
    msg: `failure ${seq}`,
    ...fields,
  }
}

function cronLine(status: 'cron_job_started' | 'cron_job_completed', fields: Partial<LogLine> = {}): LogLine {
  seq += 1
  return { level: 'info', time: new Date().toISOString(), eventId: `7b0b1c2d-3e4f-4a5b-8c6d-${String(seq).padStart(12, '0')}`, event: status, slug: 'nightly', checkInId: `run-${seq}`, ...fields }
}

/**
 * What the delivery layer does with a burst, at the sink's own limits: batches of `maxItems`,
 * up to `maxInFlight` at once, a batch sent again whole while its outcome is a retry.
 */
async function deliverBurst(s: Sink<SentryItem>, lines: LogLine[]): Promise<Outcome[]> {
  const size = s.limits?.maxItems ?? 1
  const batches: SentryItem[][] = []
  for (let i = 0; i < lines.length; i += size) batches.push(lines.slice(i, i + size).map((l) => s.encode(l)))
  const outcomes: Outcome[] = []
  const worker = async (): Promise<void> => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      for (let attempt = 0; ; attempt++) {
        const outcome = await s.send(batch, new AbortController().signal)
        outcomes.push(outcome)
        if (outcome.type !== 'retry' || attempt > 5) break
      }
    }
  }
  await Promise.all(Array.from({ length: s.limits?.maxInFlight ?? 1 }, worker))
  return outcomes
}

const eventIds = (requests: HttpReceiver['requests']) => sentryEvents(requests).map((e) => String(e.event_id))

beforeEach(async () => {
  receiver = await startHttpReceiver()
})

afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close?.()))
  await receiver.close()
})

describe('Sentry sink: the transport window', () => {
  it('declares batches of one window, two in flight, and the per-event size limit', () => {
    expect(sink().limits).toEqual({ maxItems: SENTRY_WINDOW, maxInFlight: 2, maxLineBytes: 900_000 })
  })

  it('delivers 300 errors of one burst with the default batch exactly once each, never more than the window open', async () => {
    receiver.fallback = { status: 200, delayMs: 5 }
    const s = sink()
    const lines = Array.from({ length: 300 }, () => errorLine())
    const outcomes = await deliverBurst(s, lines)
    expect(outcomes.every((o) => o.type === 'ok')).toBe(true)
    const ids = eventIds(receiver.requests)
    expect(ids).toHaveLength(300)
    expect(new Set(ids)).toEqual(new Set(lines.map((l) => l.eventId.replace(/-/g, ''))))
    expect(receiver.peakOpen).toBeLessThanOrEqual(SENTRY_WINDOW)
  })

  it('takes a single batch larger than the window without a "buffer full" retry', async () => {
    receiver.fallback = { status: 200, delayMs: 5 }
    const s = sink({ maxItems: 300 })
    const lines = Array.from({ length: 300 }, () => errorLine())
    expect(await s.send(lines.map((l) => s.encode(l)), new AbortController().signal)).toEqual({ type: 'ok' })
    expect(eventIds(receiver.requests)).toHaveLength(300)
    expect(new Set(eventIds(receiver.requests)).size).toBe(300)
  })
})

describe('Sentry sink: release and environment', () => {
  const templated = sinkCatalog({ release: '${GIT_SHA:-dev}', environment: '${APP_ENV:-development}' })

  it('expands the catalog templates at run time, in events and check-ins', async () => {
    const s = sink({}, templated, { GIT_SHA: '3f9c2ab', APP_ENV: 'production' })
    expect(await s.send([s.encode(errorLine({ env: undefined })), s.encode(cronLine('cron_job_started'))], new AbortController().signal)).toEqual({ type: 'ok' })
    expect(sentryEvents(receiver.requests)[0]).toMatchObject({ release: '3f9c2ab', environment: 'production' })
    const checkIn = receiver.requests.map((r) => parseEnvelope(r.body).items[0]!).find((i) => i.header.type === 'check_in')
    expect(checkIn?.payload).toMatchObject({ release: '3f9c2ab', environment: 'production' })
    expect(receiver.requests.map((r) => r.text).join('\n')).not.toContain('${')
  })

  it('uses the template defaults when the variables are unset', async () => {
    const s = sink({}, templated, {})
    await s.send([s.encode(errorLine({ env: undefined }))], new AbortController().signal)
    expect(sentryEvents(receiver.requests)[0]).toMatchObject({ release: 'dev', environment: 'development' })
  })

  it('says one environment everywhere: the envelope header trace context matches the event', async () => {
    const s = sink({}, templated, { APP_ENV: 'production' })
    await s.send([s.encode(errorLine({ env: 'development' }))], new AbortController().signal)
    const envelope = parseEnvelope(receiver.requests[0]!.body)
    const event = envelope.items[0]!.payload as { environment: string; release: string }
    expect(event.environment).toBe('development')
    expect(envelope.header.trace).toMatchObject({ environment: 'development', release: 'dev' })
  })
})

describe('Sentry sink: rate limits per category', () => {
  it('honours a monitor limit for check-ins, and leaves error events alone', async () => {
    const s = sink()
    receiver.reply({ status: 429, headers: { 'x-sentry-rate-limits': '120:monitor:organization' } })
    const first = await s.send([s.encode(cronLine('cron_job_started'))], new AbortController().signal)
    expect(first).toMatchObject({ type: 'retryAfter', ms: 120_000 })
    const again = await s.send([s.encode(cronLine('cron_job_completed'))], new AbortController().signal)
    expect(again.type === 'retryAfter' && again.ms).toBeGreaterThan(100_000)
    expect(receiver.requests).toHaveLength(1)
    expect(await s.send([s.encode(errorLine())], new AbortController().signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(2)
  })

  it('does not hold check-ins back for a limit on error events', async () => {
    const s = sink()
    receiver.reply({ status: 429, headers: { 'x-sentry-rate-limits': '60:error:key' } })
    expect((await s.send([s.encode(errorLine())], new AbortController().signal)).type).toBe('retryAfter')
    expect(await s.send([s.encode(cronLine('cron_job_started'))], new AbortController().signal)).toEqual({ type: 'ok' })
  })
})
