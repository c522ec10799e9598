import { expect, test } from 'vitest'
import { reachedDestinations } from './reach.js'

const table = {
  routes: { info: ['betterstack'], error: ['sentry'], p0: ['slack'] },
  destinations: {
    betterstack: { kind: 'betterstack' as const, settings: {} },
    sentry: { kind: 'sentry' as const, settings: {} },
    slack: { kind: 'slack' as const, settings: {} },
    posthog: { kind: 'posthog' as const, level: 'warn' as const, settings: {} },
  },
}

test('a level route takes lines at its level and above; severity routes match exactly; `to` always applies', () => {
  expect(reachedDestinations({ level: 'info', to: ['posthog'] }, table).sort()).toEqual(['betterstack', 'posthog'])
  expect(reachedDestinations({ level: 'debug', to: [] }, table)).toEqual([])
  expect(reachedDestinations({ level: 'fatal', severity: 'p0', to: [] }, table).sort()).toEqual(['betterstack', 'sentry', 'slack'])
  expect(reachedDestinations({ level: 'warn', severity: 'p1', to: [] }, table)).toEqual(['betterstack'])
})

test("a destination's own level filters level-routed lines", () => {
  const routed = { ...table, routes: { info: ['posthog'] } }
  expect(reachedDestinations({ level: 'info', to: [] }, routed)).toEqual([])
  expect(reachedDestinations({ level: 'error', to: [] }, routed)).toEqual(['posthog'])
})
