import pino from 'pino'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { compiled as shipped } from '../../generated/events.js'
import type { AlertRule } from '../../schema/compiled.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { openTransport, type LinecastTransport } from '../../transports/main/open-transport.js'
import { startRuntime, type Runtime } from '../../transports/worker/runtime.js'
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from '../support/http-receiver.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { assertBuilt, httpCatalog, tempDirs } from '../support/transport-fixtures.js'

const COST_RULE: AlertRule = {
  name: 'cost_anomaly',
  description: 'AI spend went above 10 USD within an hour.',
  when: { event: 'ai_api_call', measure: 'sum', property: 'cost', windowMs: 3_600_000, over: '1h', above: 10 },
  to: ['http'],
}
const ERROR_RULE: AlertRule = {
  name: 'error_spike',
  when: { level: 'error', measure: 'count', windowMs: 60_000, over: '1m', above: 3 },
  to: ['http'],
}

/** Only the alert rules route to the receiver: `routes` is empty, so the watched lines themselves go nowhere. */
function alertCatalog(...rules: AlertRule[]) {
  return httpCatalog({ events: shipped.events, routes: {}, alerts: Object.fromEntries(rules.map((r) => [r.name, r])) })
}

const delivered = (requests: ReceivedRequest[]): LogLine[] => requests.flatMap((r) => (Array.isArray(r.json) ? (r.json as LogLine[]) : []))

let receiver: HttpReceiver
let transport: LinecastTransport | undefined
let runtime: Runtime | undefined
let redis: Redis
const prefix = `linecast-test:worker:${process.pid}:${Date.now()}:`

beforeAll(async () => {
  assertBuilt()
  await requireService('redis')
  redis = new Redis(REDIS_URL)
})
afterEach(async () => {
  await transport?.close()
  transport = undefined
  await runtime?.shutdown()
  runtime = undefined
  await receiver?.close()
})
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  await redis.quit()
})

describe('alerts in the transport worker', () => {
  it('lines in, one alert line out to the rule destination, with the window in Redis', async () => {
    receiver = await startHttpReceiver()
    transport = openTransport({
      catalog: alertCatalog(COST_RULE),
      env: { RECEIVER_URL: receiver.url },
      ...tempDirs(),
      flushIntervalMs: 10,
      handleSignals: false,
      diagnostics: 'none',
      statsIntervalMs: 0,
      alerts: { redisUrl: REDIS_URL, prefix },
    })
    const log = pino(
      { base: { service: 'transport-test' }, formatters: { level: (label) => ({ level: label }) }, timestamp: pino.stdTimeFunctions.isoTime, mixin: () => ({ eventId: randomUUID() }) },
      transport.stream,
    )
    for (const cost of [4, 4, 4]) log.info({ event: 'ai_api_call', kind: 'cost', provider: 'anthropic', model: 'claude-opus-4-6', cost }, 'ai call')
    await receiver.waitFor((reqs) => delivered(reqs).some((l) => l.event === 'cost_anomaly_detected'))
    await transport.flush()
    const lines = delivered(receiver.requests)
    // a cost rule's one alert line is cost_anomaly_detected, with the rule's figures
    expect(lines.map((l) => l.event)).toEqual(['cost_anomaly_detected'])
    expect(lines[0]).toMatchObject({ level: 'warn', service: 'transport-test', rule: 'cost_anomaly', measure: 'sum', value: 12, threshold: 10, window: '1h', cost: 12 })
    expect(await redis.keys(`${prefix}alert:*`)).toEqual([`${prefix}alert:cost_anomaly`])
  })

  it('without Redis keeps the window in memory, says so once, and writes the alert to its output', async () => {
    receiver = await startHttpReceiver()
    const posts: LogLine[] = []
    const written: string[] = []
    runtime = await startRuntime(
      { catalog: alertCatalog(ERROR_RULE), env: { RECEIVER_URL: receiver.url, REDIS_URL: '' }, ...tempDirs(), flushIntervalMs: 10, statsIntervalMs: 0, diagnostics: 'stdout' },
      { post: (_name, line) => void posts.push(line as LogLine), write: (text) => void written.push(text) },
    )
    for (let i = 0; i < 5; i++) runtime.accept(JSON.stringify({ level: 'error', time: new Date().toISOString(), eventId: `e${i}`, msg: 'boom' }))
    await receiver.waitFor((reqs) => delivered(reqs).some((l) => l.event === 'alert_triggered'))
    expect(posts.filter((l) => l.event === 'linecast.alerts_local')).toEqual([expect.objectContaining({ level: 'info', rules: ['error_spike'] })])
    const alerts = delivered(receiver.requests).filter((l) => l.event === 'alert_triggered')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.value).toBeGreaterThan(3)
    expect(written.map((t) => JSON.parse(t) as LogLine).filter((l) => l.event === 'alert_triggered')).toHaveLength(1)
  })

  it('alerts: false turns them off', async () => {
    receiver = await startHttpReceiver()
    const posts: LogLine[] = []
    runtime = await startRuntime(
      { catalog: alertCatalog(ERROR_RULE), env: { RECEIVER_URL: receiver.url }, ...tempDirs(), statsIntervalMs: 0, diagnostics: 'none', alerts: false },
      { post: (_name, line) => void posts.push(line as LogLine), write: () => {} },
    )
    for (let i = 0; i < 5; i++) runtime.accept(JSON.stringify({ level: 'error', time: new Date().toISOString(), eventId: `e${i}`, msg: 'boom' }))
    await runtime.shutdown()
    runtime = undefined
    expect(receiver.requests).toEqual([])
    // the one start-up line naming the destinations is always there; nothing else
    expect(posts.filter((l) => l.event !== 'linecast.destinations')).toEqual([])
  })
})
