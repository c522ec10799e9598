import { describe, expect, it } from 'vitest'
import { compiled as shipped } from '../../../generated/events.js'
import type { AlertRule, CompiledCatalog, Level } from '../../../schema/compiled.js'
import type { LogLine } from '../delivery/types.js'
import { AlertEvaluator } from './evaluate.js'
import type { AlertLine } from './lines.js'
import { MemoryWindowStore } from './memory.js'

function rule(name: string, when: AlertRule['when'], extra: Partial<AlertRule> = {}): AlertRule {
  return { name, when, to: [], ...extra }
}

const MIN = 60_000

function catalogWith(...rules: AlertRule[]): CompiledCatalog {
  return { ...shipped, alerts: Object.fromEntries(rules.map((r) => [r.name, r])) }
}

function line(event: string | undefined, fields: Record<string, unknown> = {}, level: Level = 'info'): LogLine {
  return { level, time: '2026-01-01T00:00:00.000Z', eventId: 'e', ...(event ? { event } : {}), ...fields }
}

/** An evaluator over a memory store with a clock the test moves. */
function setup(...rules: AlertRule[]): { evaluator: AlertEvaluator; alerts: AlertLine[]; clock: { t: number }; feed: (l: LogLine) => Promise<AlertLine[]> } {
  const clock = { t: 1_700_000_000_000 }
  const alerts: AlertLine[] = []
  const evaluator = new AlertEvaluator({ catalog: catalogWith(...rules), store: new MemoryWindowStore(() => clock.t), now: () => clock.t, onAlert: (a) => alerts.push(a) })
  return { evaluator, alerts, clock, feed: (l) => (evaluator.observe(l), evaluator.flush()) }
}

const ALERT_EVENTS = new Set(['alert_triggered', 'cost_anomaly_detected'])
const triggered = (alerts: AlertLine[]): LogLine[] => alerts.map((a) => a.line).filter((l) => ALERT_EVENTS.has(String(l.event)))

describe('alert windows (memory store, injected clock)', () => {
  it('count: fires when the count of lines at a level goes above the threshold, once per window', async () => {
    const { alerts, feed, clock } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 3 }))
    for (let i = 0; i < 3; i++) expect(await feed(line(undefined, {}, 'error'))).toEqual([])
    await feed(line(undefined, {}, 'warn')) // below the level: not counted
    await feed(line('payment_failed', {}, 'fatal')) // above the level: counted
    expect(triggered(alerts)).toEqual([expect.objectContaining({ rule: 'errors', measure: 'count', value: 4, threshold: 3, window: '1m' })])
    clock.t += 1000
    await feed(line(undefined, {}, 'error'))
    expect(triggered(alerts)).toHaveLength(1)
  })

  it('count: lines older than the window stop counting', async () => {
    const { alerts, feed, clock } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 2 }))
    await feed(line(undefined, {}, 'error'))
    await feed(line(undefined, {}, 'error'))
    clock.t += MIN + 1000
    await feed(line(undefined, {}, 'error'))
    expect(alerts).toEqual([])
  })

  it('sum: adds the property over the rolling window', async () => {
    const { alerts, feed, clock } = setup(rule('spend', { event: 'ai_api_call', measure: 'sum', property: 'cost', windowMs: 60 * MIN, over: '1h', above: 10 }))
    await feed(line('ai_api_call', { cost: 4 }))
    clock.t += 20 * MIN
    await feed(line('ai_api_call', { cost: 4 }))
    await feed(line('ai_api_call', { success: false })) // no cost: not measured
    clock.t += 20 * MIN
    expect(triggered(alerts)).toEqual([])
    await feed(line('ai_api_call', { cost: 2.5 }))
    expect(triggered(alerts)).toEqual([expect.objectContaining({ rule: 'spend', measure: 'sum', value: 10.5, threshold: 10, window: '1h' })])
  })

  it('sum: spend that left the window no longer counts', async () => {
    const { alerts, feed, clock } = setup(rule('spend', { event: 'ai_api_call', measure: 'sum', property: 'cost', windowMs: 60 * MIN, over: '1h', above: 10 }))
    await feed(line('ai_api_call', { cost: 8 }))
    clock.t += 61 * MIN
    await feed(line('ai_api_call', { cost: 8 }))
    expect(alerts).toEqual([])
  })

  it('avg: divides the sum by the count', async () => {
    const { alerts, feed } = setup(rule('slow_avg', { event: 'http_request', measure: 'avg', property: 'responseTime', windowMs: 5 * MIN, over: '5m', above: 300 }))
    await feed(line('http_request', { responseTime: 100 }))
    await feed(line('http_request', { responseTime: 500 }))
    expect(alerts).toEqual([]) // avg 300, not above
    await feed(line('http_request', { responseTime: 700 }))
    expect(triggered(alerts)).toEqual([expect.objectContaining({ measure: 'avg', value: 433.333333 })])
  })

  it('max: the largest value in the window', async () => {
    const { alerts, feed } = setup(rule('worst', { event: 'http_request', measure: 'max', property: 'responseTime', windowMs: MIN, over: '1m', above: 1000 }))
    await feed(line('http_request', { responseTime: 1000 }))
    expect(alerts).toEqual([])
    await feed(line('http_request', { responseTime: 1500 }))
    await feed(line('http_request', { responseTime: 20 }))
    expect(triggered(alerts)).toEqual([expect.objectContaining({ measure: 'max', value: 1500 })])
  })

  for (const [measure, above, fires] of [
    ['p50', 50, 51],
    ['p90', 90, 91],
    ['p95', 95, 96],
    ['p99', 99, 100],
  ] as const) {
    it(`${measure}: reads the percentile from the merged histograms of the window`, async () => {
      const { alerts, evaluator, clock } = setup(rule('pct', { event: 'http_request', measure, property: 'responseTime', windowMs: 5 * MIN, over: '5m', above: above * 1.02 }))
      // 1..100 ms spread over several buckets of the window
      for (let v = 1; v <= 100; v++) {
        evaluator.observe(line('http_request', { responseTime: v }))
        if (v % 10 === 0) {
          await evaluator.flush()
          clock.t += 10_000
        }
      }
      expect(alerts).toEqual([])
      // one slow request moves the percentile past the threshold
      for (let i = 0; i < 5; i++) evaluator.observe(line('http_request', { responseTime: fires * 10 }))
      await evaluator.flush()
      const [alert] = triggered(alerts)
      expect(alert).toMatchObject({ measure })
      expect(alert?.value as number).toBeGreaterThan(above * 1.02)
    })
  }

  it('fires once per window even when the condition lasts past a minute boundary', async () => {
    const { alerts, feed, clock } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 1 }))
    clock.t = Math.ceil(clock.t / MIN) * MIN - 1000 // a second before a whole minute
    await feed(line(undefined, {}, 'error'))
    await feed(line(undefined, {}, 'error'))
    expect(triggered(alerts)).toHaveLength(1)
    clock.t += 2000 // the next whole minute: the same errors are still in the rolling window
    await feed(line(undefined, {}, 'error'))
    await feed(line(undefined, {}, 'error'))
    expect(triggered(alerts)).toHaveLength(1)
  })

  it('fires again once a window has passed since its alert while the condition holds', async () => {
    const { alerts, feed, clock } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 1 }))
    await feed(line(undefined, {}, 'error'))
    await feed(line(undefined, {}, 'error'))
    clock.t += MIN - 10_000
    await feed(line(undefined, {}, 'error'))
    expect(triggered(alerts)).toHaveLength(1)
    clock.t += 10_000
    await feed(line(undefined, {}, 'error'))
    const [first, second] = triggered(alerts)
    expect(second).toMatchObject({ rule: 'errors', value: 2 })
    expect(Date.parse(second?.windowStart as string) - Date.parse(first?.windowStart as string)).toBe(MIN)
  })

  it('batches the lines of one turn into one evaluation', async () => {
    const { alerts, evaluator } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 2 }))
    for (let i = 0; i < 50; i++) evaluator.observe(line(undefined, {}, 'error'))
    const fired = await evaluator.flush()
    expect(triggered(fired)).toEqual([expect.objectContaining({ value: 50 })])
    expect(triggered(alerts)).toHaveLength(1)
  })

  it('evaluates on its own on the next turn of the event loop', async () => {
    const { alerts, evaluator } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 0 }))
    evaluator.observe(line(undefined, {}, 'error'))
    const deadline = Date.now() + 5000
    while (alerts.length === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r))
    expect(triggered(alerts)).toHaveLength(1)
  })

  it('a cost rule produces one cost_anomaly_detected line with the figures, routed to its `to` and severity route', async () => {
    const { alerts, feed } = setup(rule('cost_anomaly', { event: 'ai_api_call', measure: 'sum', property: 'cost', windowMs: 60 * MIN, over: '1h', above: 10 }, { to: ['sentry', 'slack'], severity: 'p1' }))
    await feed(line('ai_api_call', { cost: 12 }))
    expect(alerts.map((a) => a.line.event)).toEqual(['cost_anomaly_detected'])
    expect(alerts[0]?.to).toEqual(['sentry', 'slack'])
    expect(alerts[0]?.line).toMatchObject({
      level: 'warn',
      kind: 'metric',
      service: 'bmn-api',
      rule: 'cost_anomaly',
      measure: 'sum',
      value: 12,
      threshold: 10,
      cost: 12,
      baseline: 10,
      ratio: 1.2,
      window: '1h',
      msg: 'AI spend 12 USD over 1h is 1.2x the usual 10 USD (alert cost_anomaly)',
    })
    // like every line: level, time, service, eventId, event first
    expect(Object.keys(alerts[0]?.line ?? {}).slice(0, 5)).toEqual(['level', 'time', 'service', 'eventId', 'event'])
  })

  it('drops a batch the store cannot take and says so through onError', async () => {
    const errors: string[] = []
    const store = new MemoryWindowStore()
    store.add = () => Promise.reject(new Error('store down'))
    const evaluator = new AlertEvaluator({
      catalog: catalogWith(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 0 })),
      store,
      onAlert: () => {},
      onError: (e, r) => errors.push(`${r.name}: ${(e as Error).message}`),
    })
    evaluator.observe(line(undefined, {}, 'error'))
    expect(await evaluator.flush()).toEqual([])
    expect(errors).toEqual(['errors: store down'])
  })

  it('close evaluates what is pending first', async () => {
    const { alerts, evaluator } = setup(rule('errors', { level: 'error', measure: 'count', windowMs: MIN, over: '1m', above: 0 }))
    evaluator.observe(line(undefined, {}, 'error'))
    await evaluator.close()
    expect(triggered(alerts)).toHaveLength(1)
    evaluator.observe(line(undefined, {}, 'error'))
    expect(await evaluator.flush()).toEqual([])
  })
})

describe('the shipped alert rules', () => {
  function shippedSetup(): { evaluator: AlertEvaluator; alerts: AlertLine[] } {
    const alerts: AlertLine[] = []
    const t = 1_700_000_000_000
    const evaluator = new AlertEvaluator({ catalog: shipped, store: new MemoryWindowStore(() => t), now: () => t, onAlert: (a) => alerts.push(a) })
    return { evaluator, alerts }
  }

  it('cost_anomaly: more than 10 USD of ai_api_call cost in an hour, to Sentry and Slack', async () => {
    const { evaluator, alerts } = shippedSetup()
    for (let i = 0; i < 10; i++) evaluator.observe(line('ai_api_call', { cost: 1 }))
    await evaluator.flush()
    expect(alerts).toEqual([])
    evaluator.observe(line('ai_api_call', { cost: 0.5 }))
    await evaluator.flush()
    expect(triggered(alerts)).toEqual([expect.objectContaining({ rule: 'cost_anomaly', value: 10.5 })])
    expect(alerts[0]?.to).toEqual(['sentry', 'slack'])
    expect(alerts.map((a) => a.line.event)).toEqual(['cost_anomaly_detected'])
  })

  it('error_spike: more than 10 error lines in a minute', async () => {
    const { evaluator, alerts } = shippedSetup()
    for (let i = 0; i < 10; i++) evaluator.observe(line(undefined, {}, 'error'))
    await evaluator.flush()
    expect(alerts).toEqual([])
    evaluator.observe(line('database_error', {}, 'error'))
    await evaluator.flush()
    expect(triggered(alerts)).toEqual([expect.objectContaining({ rule: 'error_spike', measure: 'count', value: 11 })])
  })

  it('slow_requests: p95 of http_request responseTime above 500 ms over 5 minutes', async () => {
    const { evaluator, alerts } = shippedSetup()
    for (let i = 0; i < 95; i++) evaluator.observe(line('http_request', { responseTime: 120 }))
    for (let i = 0; i < 5; i++) evaluator.observe(line('http_request', { responseTime: 2000 }))
    await evaluator.flush()
    expect(alerts).toEqual([])
    for (let i = 0; i < 5; i++) evaluator.observe(line('http_request', { responseTime: 2000 }))
    await evaluator.flush()
    const [alert] = triggered(alerts)
    expect(alert).toMatchObject({ rule: 'slow_requests', measure: 'p95', threshold: 500, window: '5m' })
    expect(Math.abs((alert?.value as number) - 2000) / 2000).toBeLessThanOrEqual(0.01)
  })
})
