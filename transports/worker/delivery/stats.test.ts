import { describe, expect, it } from 'vitest'
import { DeliveryCounters, mergeStats, statsLine } from './stats.js'

describe('DeliveryCounters', () => {
  it('counts per destination and snapshots a copy', () => {
    const c = new DeliveryCounters()
    c.for('slack').delivered += 2
    c.for('slack').retried++
    c.malformed = 1
    c.off.sentry = 'missing SENTRY_DSN'
    const snap = c.snapshot(new Date('2024-01-01T00:00:00Z'))
    c.for('slack').delivered++
    expect(snap.destinations.slack?.delivered).toBe(2)
    expect(snap).toMatchObject({ time: '2024-01-01T00:00:00.000Z', malformed: 1, off: { sentry: 'missing SENTRY_DSN' } })
  })

  it('merges main-thread counts and renders the delivery_stats line', () => {
    const snap = new DeliveryCounters().snapshot()
    mergeStats(snap, { slack: { spooled: 3 } })
    expect(snap.destinations.slack?.spooled).toBe(3)
    const line = statsLine(snap, 'svc')
    expect(line).toMatchObject({ level: 'info', event: 'linecast.delivery_stats', service: 'svc', destinations: snap.destinations })
    expect(typeof line.eventId).toBe('string')
  })
})
