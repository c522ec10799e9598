import { describe, expect, it } from 'vitest'
import type { CompiledCatalog, CompiledEvent } from '../schema/compiled.js'
import { compiledCatalog, compiledEvent } from '../test/support/compiled-catalog.js'
import type { LogLine } from '../core/line.js'
import { compileRouter, route } from './route.js'

function event(name: string, over: Partial<CompiledEvent> = {}): CompiledEvent {
  return compiledEvent(name, over)
}

function catalog(over: Partial<CompiledCatalog> = {}): CompiledCatalog {
  return compiledCatalog({
    service: 'svc',
    destinations: {
      posthog: { kind: 'posthog', settings: {} },
      sentry: { kind: 'sentry', level: 'error', settings: {} },
      betterstack: { kind: 'betterstack', settings: {} },
      slack: { kind: 'slack', settings: {} },
      audit: { kind: 'audit_log', settings: {} },
    },
    routes: { info: ['betterstack'], warn: ['sentry'], error: ['sentry', 'slack'], p1: ['slack'] },
    events: {
      signed_up: event('signed_up', { to: ['posthog', 'audit'], distinctId: 'userId' }),
      payment_failed: event('payment_failed', { kind: 'error', level: 'error', severity: 'p1', to: ['sentry'] }),
      sampled: event('sampled', { to: ['posthog', 'audit'], sample: 0.5, distinctId: 'userId' }),
      old: event('old', { to: ['posthog'], deprecated: 'use signed_up' }),
    },
    ...over,
  })
}

let n = 0
function line(fields: Partial<LogLine> & Record<string, unknown>): LogLine {
  n += 1
  return { level: 'info', time: '2024-01-01T00:00:00.000Z', eventId: `id-${n}`, ...fields }
}

describe('route', () => {
  const c = catalog()
  const router = compileRouter(c)

  it('sends an event to its own destinations plus the level routes, in a stable order', () => {
    expect(router(line({ event: 'signed_up', userId: 'u1' }))).toEqual(['posthog', 'audit', 'betterstack'])
  })

  it('adds severity routes and de-duplicates', () => {
    expect(router(line({ event: 'payment_failed', level: 'error' }))).toEqual(['sentry', 'betterstack', 'slack'])
  })

  it('lets a level route take lines at that level and above', () => {
    expect(router(line({ level: 'fatal', msg: 'boom' }))).toEqual(['betterstack', 'sentry', 'slack'])
    expect(router(line({ level: 'debug', msg: 'quiet' }))).toEqual([])
  })

  it("filters level-routed lines below a destination's own level", () => {
    // sentry is routed from warn but only takes error and above
    expect(router(line({ level: 'warn', msg: 'careful' }))).toEqual(['betterstack'])
  })

  it('routes plain lines, unknown events and linecast.* lines by level only', () => {
    expect(router(line({ msg: 'hello' }))).toEqual(['betterstack'])
    expect(router(line({ event: 'linecast.delivery_stats' }))).toEqual(['betterstack'])
    expect(router(line({ event: 'not_in_catalog', level: 'error' }))).toEqual(['betterstack', 'sentry', 'slack'])
  })

  it("does not apply a destination's level to an event's own destinations", () => {
    const c2 = catalog()
    c2.events.note = event('note', { to: ['sentry'] })
    expect(compileRouter(c2)(line({ event: 'note' }))).toEqual(['sentry', 'betterstack'])
  })

  it('routes linecast.* lines by level even when the catalog declares an event of that name', () => {
    const c2 = catalog()
    c2.events['linecast.delivery_stats'] = event('linecast.delivery_stats', { to: ['posthog'] })
    expect(compileRouter(c2)(line({ event: 'linecast.delivery_stats' }))).toEqual(['betterstack'])
  })

  it('still routes deprecated events', () => {
    expect(router(line({ event: 'old' }))).toEqual(['posthog', 'betterstack'])
  })

  it('ignores route entries naming undeclared destinations', () => {
    const r = compileRouter(catalog({ routes: { info: ['nowhere', 'betterstack'] } }))
    expect(r(line({ msg: 'x' }))).toEqual(['betterstack'])
  })

  it('samples deterministically per distinctId and keeps audit destinations for sampled-out lines', () => {
    const results = new Map<string, readonly string[]>()
    for (let i = 0; i < 200; i++) {
      const userId = `user-${i}`
      const first = router(line({ event: 'sampled', userId }))
      const again = router(line({ event: 'sampled', userId }))
      expect(again).toEqual(first)
      results.set(userId, first)
    }
    const kept = [...results.values()].filter((r) => r.includes('posthog')).length
    const dropped = [...results.values()].filter((r) => !r.includes('posthog'))
    expect(kept).toBeGreaterThan(60)
    expect(kept).toBeLessThan(140)
    for (const r of dropped) expect(r).toEqual(['audit'])
  })

  it('samples by eventId when the line has no distinctId value', () => {
    const a = line({ event: 'sampled' })
    expect(router(a)).toEqual(router({ ...a }))
  })

  it('drops everything but audit for sample 0 and keeps all for sample 1', () => {
    const zero = catalog()
    zero.events.sampled = event('sampled', { to: ['posthog', 'audit'], sample: 0 })
    expect(compileRouter(zero)(line({ event: 'sampled' }))).toEqual(['audit'])
    zero.events.sampled = event('sampled', { to: ['posthog'], sample: 1 })
    expect(compileRouter(zero)(line({ event: 'sampled' }))).toEqual(['posthog', 'betterstack'])
  })

  it('maps numeric pino levels to labels', () => {
    expect(router(line({ level: 50 as unknown as 'error', msg: 'n' }))).toEqual(['betterstack', 'sentry', 'slack'])
  })

  it('route() gives the same answer as the compiled router', () => {
    const l = line({ event: 'signed_up' })
    expect(route(c, l)).toEqual([...router(l)])
  })
})
