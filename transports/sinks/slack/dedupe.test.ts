import { describe, expect, it } from 'vitest'
import { AlertDeduper, dedupeKey } from './dedupe.js'

function clock(start = 0) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('AlertDeduper', () => {
  it('admits the first alert, suppresses repeats inside the window and reports them after it', () => {
    const c = clock(1_000)
    const d = new AlertDeduper(600_000, c.now)
    expect(d.admit('a')).toEqual({ repeats: 0 })
    c.advance(1)
    expect(d.admit('a')).toBeNull()
    c.advance(599_998)
    expect(d.admit('a')).toBeNull()
    c.advance(1)
    expect(d.admit('a')).toEqual({ repeats: 2, previousAt: 1_000 })
    expect(d.admit('a')).toBeNull()
  })

  it('keeps separate windows per key', () => {
    const c = clock()
    const d = new AlertDeduper(1000, c.now)
    expect(d.admit('a')).toEqual({ repeats: 0 })
    expect(d.admit('b')).toEqual({ repeats: 0 })
    expect(d.admit('a')).toBeNull()
  })

  it('admits everything with a zero window', () => {
    const d = new AlertDeduper(0, () => 5)
    expect(d.admit('a')).toEqual({ repeats: 0 })
    expect(d.admit('a')).toEqual({ repeats: 0 })
  })

  it('forgets expired quiet alerts but keeps pending repeat counts when it grows', () => {
    const c = clock()
    const d = new AlertDeduper(10, c.now)
    d.admit('noisy')
    d.admit('noisy')
    for (let i = 0; i < 1000; i++) d.admit(`k${i}`)
    c.advance(10)
    d.admit('trigger-prune')
    expect(d.admit('noisy')).toEqual({ repeats: 1, previousAt: 0 })
  })
})

describe('dedupeKey', () => {
  it('is the event plus the rule, alert or key', () => {
    expect(dedupeKey({ event: 'alert_triggered', rule: 'error_rate' })).toBe(dedupeKey({ event: 'alert_triggered', rule: 'error_rate', value: 9 }))
    expect(dedupeKey({ event: 'alert_triggered', rule: 'a' })).not.toBe(dedupeKey({ event: 'alert_triggered', rule: 'b' }))
    expect(dedupeKey({ event: 'cost_anomaly_detected', key: 'openai' })).not.toBe(dedupeKey({ event: 'cost_anomaly_detected', key: 'fal' }))
    expect(dedupeKey({ event: 'payment_failed' })).not.toBe(dedupeKey({ event: 'cron_failed' }))
  })

  it('tells two different errors of one event apart, and knows the same error again', () => {
    const typeError = { event: 'unhandled_error', err: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')", stack: 'at a' } }
    const rangeError = { event: 'unhandled_error', err: { type: 'RangeError', message: 'Invalid array length' } }
    expect(dedupeKey(typeError)).not.toBe(dedupeKey(rangeError))
    expect(dedupeKey(typeError)).not.toBe(dedupeKey({ event: 'unhandled_error', err: { type: 'TypeError', message: 'x is not a function' } }))
    expect(dedupeKey(typeError)).toBe(dedupeKey({ ...typeError, err: { ...typeError.err, stack: 'at b' }, requestId: 'r-2' }))
  })

  it('prefers the line fingerprint to the error', () => {
    expect(dedupeKey({ event: 'unhandled_error', fingerprint: ['db'], err: { type: 'A' } })).toBe(dedupeKey({ event: 'unhandled_error', fingerprint: ['db'], err: { type: 'B' } }))
    expect(dedupeKey({ event: 'unhandled_error', fingerprint: 'x' })).not.toBe(dedupeKey({ event: 'unhandled_error', fingerprint: 'y' }))
  })
})
