/**
 * Cron lines -> Sentry cron check-ins. `withMonitor` (emitters/monitors)
 * writes `cron_job_started`, then `cron_job_completed` or `cron_job_failed`,
 * sharing a `checkInId` and carrying the monitor's `schedule`, `maxRuntime`
 * (minutes) and `timezone`. Each becomes one `check_in` envelope item:
 * in_progress, then ok or error with the duration in seconds; the monitor
 * config rides along so Sentry creates or updates the monitor (upsert).
 */
import type { LogLine } from '../../worker/delivery/types.js'

export type CheckInStatus = 'in_progress' | 'ok' | 'error'

/** The check-in payload as Sentry's envelope endpoint takes it. */
export interface SerializedCheckIn {
  check_in_id: string
  monitor_slug: string
  status: CheckInStatus
  /** seconds */
  duration?: number
  environment?: string
  release?: string
  monitor_config?: {
    schedule: { type: 'crontab'; value: string }
    /** minutes */
    max_runtime?: number
    timezone?: string
  }
}

const STATUS: Readonly<Record<string, CheckInStatus>> = {
  cron_job_started: 'in_progress',
  cron_job_completed: 'ok',
  cron_job_failed: 'error',
}

export function isCronLine(line: LogLine): boolean {
  return typeof line.event === 'string' && line.event in STATUS
}

export interface CheckInScope {
  environment?: string
  release?: string
  /** any id -> the 32 hex digits Sentry takes (the encoder's `sentryEventId`) */
  normalizeId: (id: string) => string
}

/** The check-in for a cron line, or undefined for any other line (or a cron line without a slug). */
export function checkInFromLine(line: LogLine, scope: CheckInScope): SerializedCheckIn | undefined {
  const status = typeof line.event === 'string' ? STATUS[line.event] : undefined
  if (status === undefined || typeof line.slug !== 'string' || line.slug === '') return undefined
  // a line written without withMonitor has no checkInId: its own eventId keeps a retried send the same check-in
  const id = typeof line.checkInId === 'string' && line.checkInId !== '' ? line.checkInId : line.eventId
  const checkIn: SerializedCheckIn = { check_in_id: scope.normalizeId(id), monitor_slug: line.slug, status }
  if (status !== 'in_progress' && typeof line.duration_ms === 'number') checkIn.duration = line.duration_ms / 1000
  if (scope.environment) checkIn.environment = scope.environment
  if (scope.release) checkIn.release = scope.release
  if (typeof line.schedule === 'string' && line.schedule !== '') {
    checkIn.monitor_config = { schedule: { type: 'crontab', value: line.schedule } }
    if (typeof line.maxRuntime === 'number') checkIn.monitor_config.max_runtime = line.maxRuntime
    if (typeof line.timezone === 'string' && line.timezone !== '') checkIn.monitor_config.timezone = line.timezone
  }
  return checkIn
}
