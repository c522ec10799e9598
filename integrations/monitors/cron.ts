/**
 * `withMonitor`: runs a scheduled job and writes its cron lines:
 * `cron_job_started`, then `cron_job_completed` or `cron_job_failed` (with the
 * serialized `err`), each with the duration and the monitor's settings. The
 * lines of one run share a `checkInId`: the Sentry sink turns them into cron
 * check-ins (in_progress, then ok or error with the duration), upserting the
 * monitor from `schedule`, `maxRuntime` and `timezone`. Nothing here talks to
 * Sentry: transports deliver the lines like any other.
 */
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { InvalidDurationError, parseDuration } from '../../schema/duration.js'
import { LinecastError } from '../../core/errors.js'
import { withContext } from '../../emitters/context.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { asError, errorMessage, withErr } from './error-fields.js'
import type { CronEvents, CronMonitorFields } from './events.js'

export class MonitorConfigError extends LinecastError {
  constructor(slug: string, problem: string) {
    super('LINECAST_INVALID_MONITOR', `cron monitor "${slug}": ${problem}`)
  }
}

export interface MonitorSpec {
  /** stable id of the job: lower-case letters, digits, `-` and `_`, at most 50 characters */
  slug: string
  /** crontab expression (5 fields), e.g. `0 8 * * *` */
  schedule: string
  /** how long a run may take before the monitor counts it as timed out: minutes, or a duration such as `10m` */
  maxRuntime?: number | string
  /** IANA time zone of the schedule; default UTC */
  timezone?: string
}

export interface MonitorOptions {
  logger: LinecastLogger<CronEvents>
  /** monotonic clock in milliseconds; default performance.now */
  now?: () => number
  /** check-in id of this run; default a random UUID (32 hex digits, as Sentry writes them) */
  checkInId?: string
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,49}$/
const CRON_FIELD = /^[0-9A-Za-z*/,\-?LW#]+$/

function checkedFields(spec: MonitorSpec): CronMonitorFields {
  if (!SLUG.test(spec.slug)) {
    throw new MonitorConfigError(spec.slug, 'the slug must be 1 to 50 lower-case letters, digits, `-` or `_`, starting with a letter or digit')
  }
  const fields = spec.schedule.trim().split(/\s+/)
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
    throw new MonitorConfigError(spec.slug, `schedule ${JSON.stringify(spec.schedule)} is not a 5-field crontab expression such as "0 8 * * *"`)
  }
  const out: CronMonitorFields = { schedule: fields.join(' '), timezone: spec.timezone ?? 'UTC' }
  if (spec.maxRuntime !== undefined) out.maxRuntime = maxRuntimeMinutes(spec.slug, spec.maxRuntime)
  if (!validTimeZone(out.timezone as string)) {
    throw new MonitorConfigError(spec.slug, `timezone ${JSON.stringify(spec.timezone)} is not an IANA time zone such as "Europe/Paris"`)
  }
  return out
}

function maxRuntimeMinutes(slug: string, value: number | string): number {
  let minutes: number
  if (typeof value === 'number') minutes = value
  else {
    try {
      minutes = Math.ceil(parseDuration(value) / 60_000)
    } catch (error) {
      if (error instanceof InvalidDurationError) throw new MonitorConfigError(slug, `maxRuntime: ${error.message}`)
      throw error
    }
  }
  if (!Number.isFinite(minutes) || minutes <= 0) throw new MonitorConfigError(slug, `maxRuntime must be a positive number of minutes, not ${value}`)
  return minutes
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * Runs `fn` as one run of the monitored job `spec.slug`; resolves with its
 * result, or writes `cron_job_failed` and rethrows its error. Lines written
 * inside `fn` carry `cronSlug` and `checkInId` in their context.
 */
export async function withMonitor<T>(spec: MonitorSpec, fn: () => T | Promise<T>, options: MonitorOptions): Promise<T> {
  const monitor = checkedFields(spec)
  const checkInId = options.checkInId ?? randomUUID().replace(/-/g, '')
  const fields = { ...monitor, checkInId }
  const now = options.now ?? (() => performance.now())
  const log = options.logger
  const slug = spec.slug
  log.emit.cronJobStarted({ slug, ...fields })
  const start = now()
  let result: T
  try {
    result = await withContext({ cronSlug: slug, checkInId }, fn)
  } catch (thrown) {
    const err = asError(thrown)
    const duration_ms = Math.max(0, now() - start)
    withErr(log, err).emit.cronJobFailed({ slug, duration_ms, error: errorMessage(err), ...fields })
    throw thrown
  }
  log.emit.cronJobCompleted({ slug, duration_ms: Math.max(0, now() - start), ...fields })
  return result
}
