import { describe, expect, it } from 'vitest'
import type { AlertRule } from '../schema/compiled.js'
import { compiledCatalog } from '../test/support/compiled-catalog.js'
import { matchAlerts } from './alerts.js'
import { compileRouter } from './route.js'

function rule(name: string, when: Partial<AlertRule['when']>): AlertRule {
  return { name, when: { measure: 'count', windowMs: 60_000, over: '1m', above: 1, ...when }, to: ['slack'] }
}

const catalog = compiledCatalog({
  service: 'svc',
  destinations: { slack: { kind: 'slack', settings: {} } },
  alerts: {
    failures: rule('failures', { event: 'job_failed' }),
    spend: rule('spend', { event: 'ai_cost', measure: 'sum', property: 'costUsd' }),
    slow: rule('slow', { event: 'ai_cost', measure: 'p95', property: 'timing.ms' }),
    errors: rule('errors', { level: 'error' }),
    loudFailures: rule('loudFailures', { event: 'job_failed', level: 'error' }),
  },
})
const router = compileRouter(catalog)
const base = { time: '2024-01-01T00:00:00.000Z', eventId: 'e1' }

describe('matchAlerts', () => {
  it('feeds count rules with 1', () => {
    const m = matchAlerts(router, { ...base, level: 'info', event: 'job_failed' })
    expect(m.map((x) => [x.rule.name, x.value])).toEqual([['failures', 1]])
  })

  it('feeds measured rules with the property value, nested paths included', () => {
    const m = matchAlerts(router, { ...base, level: 'info', event: 'ai_cost', costUsd: 0.25, timing: { ms: 900 } })
    expect(m.map((x) => [x.rule.name, x.value])).toEqual([
      ['spend', 0.25],
      ['slow', 900],
    ])
  })

  it('skips a measured rule when the property is missing or not a number', () => {
    const m = matchAlerts(router, { ...base, level: 'info', event: 'ai_cost', costUsd: 'free' })
    expect(m).toEqual([])
  })

  it('feeds level rules with every line at that level and above, and honours an event rule level floor', () => {
    const m = matchAlerts(router, { ...base, level: 'fatal', event: 'job_failed' })
    expect(m.map((x) => x.rule.name).sort()).toEqual(['errors', 'failures', 'loudFailures'])
    expect(matchAlerts(router, { ...base, level: 'warn', msg: 'x' })).toEqual([])
  })
})
