/**
 * Cron monitors end to end: withMonitor writes the cron lines, the Sentry
 * sink (real @sentry/node client) turns them into check-in envelopes that a
 * local receiver decodes; slowness lines are routed as the catalog says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compiled } from '../../generated/events.js'
import { trackExternalCall, trackQuery, withMonitor } from '../../integrations/monitors/index.js'
import { compileRouter } from '../../router/route.js'
import type { LogLine, Sink } from '../../transports/worker/delivery/types.js'
import { createSink, type SentryItem } from '../../transports/sinks/sentry/index.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { parseEnvelope, sentryEvents } from '../support/sentry-envelope.js'
import { captureLogger } from './capture-logger.js'

let receiver: HttpReceiver
let sentry: Sink<SentryItem>

beforeAll(async () => {
  receiver = await startHttpReceiver()
  sentry = createSink(
    'sentry',
    { settings: { dsn: `http://public@127.0.0.1:${receiver.port}/7` }, catalog: compiled, report: () => undefined },
    { env: { SENTRY_RELEASE: 'bmn-api@3.1.0' } },
  )
})

afterAll(async () => {
  await sentry.close?.()
  await receiver.close()
})

function checkIns(): Record<string, unknown>[] {
  return receiver.requests.flatMap((r) =>
    parseEnvelope(r.body)
      .items.filter((i) => i.header.type === 'check_in')
      .map((i) => i.payload as Record<string, unknown>),
  )
}

async function deliver(lines: Record<string, unknown>[]): Promise<void> {
  const routed = lines.filter((l) => compileRouter(compiled)(l as LogLine).includes('sentry'))
  expect(routed).toHaveLength(lines.length)
  const outcome = await sentry.send(
    routed.map((l) => sentry.encode(l as LogLine)),
    new AbortController().signal,
  )
  expect(outcome).toEqual({ type: 'ok' })
}

describe('withMonitor and Sentry cron check-ins', () => {
  it('routes the run to Sentry and sends in_progress then ok with the duration and the monitor config', async () => {
    receiver.requests.length = 0
    const { log, out } = captureLogger()
    let tick = 0
    await withMonitor({ slug: 'daily-digest', schedule: '0 8 * * *', maxRuntime: 5 }, async () => 'sent', {
      logger: log,
      now: () => (tick++ === 0 ? 0 : 2500),
    })
    // the shipped catalog sends cron_job_started and _completed to Sentry
    await deliver(out.lines)
    const [started, completed] = checkIns()
    const config = { schedule: { type: 'crontab', value: '0 8 * * *' }, max_runtime: 5, timezone: 'UTC' }
    expect(started).toMatchObject({ monitor_slug: 'daily-digest', status: 'in_progress', release: 'bmn-api@3.1.0', environment: 'test', monitor_config: config })
    expect(completed).toMatchObject({ monitor_slug: 'daily-digest', status: 'ok', duration: 2.5, check_in_id: started?.check_in_id })
    expect(started?.check_in_id).toMatch(/^[0-9a-f]{32}$/)
    expect(sentryEvents(receiver.requests)).toEqual([])
  })

  it('a failed run is routed to Sentry and sends an error check-in and the exception event', async () => {
    receiver.requests.length = 0
    const { log, out } = captureLogger()
    await expect(
      withMonitor({ slug: 'nightly-export', schedule: '30 2 * * *' }, () => Promise.reject(new Error('bucket not found')), { logger: log }),
    ).rejects.toThrow('bucket not found')
    const failed = out.lines.filter((l) => l.event === 'cron_job_failed')
    await deliver(failed)
    const [checkIn] = checkIns()
    expect(checkIn).toMatchObject({ monitor_slug: 'nightly-export', status: 'error', check_in_id: out.lines[0]?.checkInId })
    expect(typeof checkIn?.duration).toBe('number')
    const [event] = sentryEvents(receiver.requests)
    expect(event).toMatchObject({ level: 'error', exception: { values: [{ type: 'Error', value: 'bucket not found' }] }, tags: { event: 'cron_job_failed' } })
  })
})

describe('slowness routing in the shipped catalog', () => {
  it('the warn tier goes by level routes only; the critical tier also reaches the p1 route (Slack)', async () => {
    const { log, out } = captureLogger()
    let tick = 0
    const took = (ms: number) => () => (tick++ % 2 === 0 ? 0 : ms)
    await trackQuery('SELECT brands', () => 1, { logger: log, now: took(900) })
    await trackExternalCall('fal.ai flux', () => 1, { logger: log, now: took(70_000), thresholds: compiled.thresholds })
    const route = compileRouter(compiled)
    const [warn, critical] = out.lines as LogLine[]
    expect(warn?.event).toBe('slow_operation_detected')
    expect(route(warn as LogLine)).not.toContain('slack')
    expect(critical).toMatchObject({ event: 'critical_slowness_detected', thresholdMs: 60_000 })
    expect(route(critical as LogLine)).toContain('slack')
  })
})
