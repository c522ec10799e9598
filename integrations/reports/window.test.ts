import { describe, expect, it } from 'vitest'
import { CostReportError, lastCompletePeriod, windowSince } from './window.js'

const iso = (w: { from: Date; to: Date }): [string, string] => [w.from.toISOString(), w.to.toISOString()]

describe('report windows', () => {
  it('the daily report covers the previous UTC day', () => {
    expect(iso(lastCompletePeriod('day', new Date('2025-03-04T08:00:00Z')))).toEqual(['2025-03-03T00:00:00.000Z', '2025-03-04T00:00:00.000Z'])
    expect(iso(lastCompletePeriod('day', new Date('2025-03-01T00:00:00Z')))).toEqual(['2025-02-28T00:00:00.000Z', '2025-03-01T00:00:00.000Z'])
  })

  it('the weekly report covers the previous Monday-to-Monday week, whatever the weekday', () => {
    const lastWeek = ['2025-03-03T00:00:00.000Z', '2025-03-10T00:00:00.000Z']
    expect(iso(lastCompletePeriod('week', new Date('2025-03-10T08:00:00Z')))).toEqual(lastWeek) // a Monday
    expect(iso(lastCompletePeriod('week', new Date('2025-03-16T23:59:59Z')))).toEqual(lastWeek) // the Sunday after
    expect(iso(lastCompletePeriod('week', new Date('2025-03-12T12:00:00Z')))).toEqual(lastWeek) // Wednesday
  })

  it('--since takes a date or a date-time up to now', () => {
    const now = new Date('2025-03-10T12:00:00Z')
    expect(iso(windowSince('2025-03-01', now))).toEqual(['2025-03-01T00:00:00.000Z', '2025-03-10T12:00:00.000Z'])
    expect(iso(windowSince('2025-03-09T06:30:00Z', now))[0]).toBe('2025-03-09T06:30:00.000Z')
    expect(() => windowSince('last tuesday', now)).toThrow(CostReportError)
    expect(() => windowSince('2025-04-01', now)).toThrow(/not in the past/)
  })
})
