/**
 * Report periods as half-open UTC windows [from, to). A report runs after its
 * period: the daily report at 08:00 UTC covers the previous UTC day, the
 * weekly one (Monday 08:00 UTC) the previous Monday-to-Monday week.
 */
import { LinecastError } from '../../core/errors.js'

export type ScheduledPeriod = 'day' | 'week'

export interface ReportWindow {
  from: Date
  to: Date
}

export class CostReportError extends LinecastError {
  constructor(problem: string) {
    super('LINECAST_COST_REPORT', `cost report: ${problem}`)
  }
}

const DAY_MS = 86_400_000

function startOfUtcDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())
}

/** The last complete day or week (UTC) before `at`. */
export function lastCompletePeriod(period: ScheduledPeriod, at: Date): ReportWindow {
  if (Number.isNaN(at.getTime())) throw new CostReportError('the reference time is not a valid date')
  const today = startOfUtcDay(at)
  if (period === 'day') return { from: new Date(today - DAY_MS), to: new Date(today) }
  // getUTCDay: 0 Sunday .. 6 Saturday; days since this week's Monday
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7
  const thisMonday = today - sinceMonday * DAY_MS
  return { from: new Date(thisMonday - 7 * DAY_MS), to: new Date(thisMonday) }
}

/** `--since DATE` up to `at`: DATE is an ISO date (UTC midnight) or date-time. */
export function windowSince(since: string, at: Date): ReportWindow {
  const from = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since)
  if (Number.isNaN(from.getTime())) throw new CostReportError(`${JSON.stringify(since)} is not a date; write YYYY-MM-DD or an ISO date-time`)
  if (from.getTime() >= at.getTime()) throw new CostReportError(`${since} is not in the past; pick an earlier date`)
  return { from, to: at }
}
