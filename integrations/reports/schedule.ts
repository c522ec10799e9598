/**
 * Scheduled cost reports on BullMQ: a daily report at 08:00 UTC (the previous
 * UTC day) and a weekly one on Mondays at 08:00 UTC (the previous week), as
 * BullMQ job schedulers (`upsertJobScheduler`: idempotent, safe to call on
 * every start of every instance). Each run is a cron monitor (`withMonitor`:
 * cron lines, Sentry check-ins) and writes `cost_report_generated`.
 */
import { requirePeer } from '../../core/peer.js'
import type { WorkerLike } from '../jobs/bullmq-types.js'
import type { Queryable } from '../audit-log/cost-queries.js'
import { instrumentWorker } from '../jobs/instrument-worker.js'
import type { JobEvents } from '../jobs/events.js'
import { withMonitor } from '../monitors/cron.js'
import type { CronEvents } from '../monitors/events.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { generateCostReport } from './cost-report.js'
import type { CostReport, ReportEvents } from './events.js'
import { lastCompletePeriod, type ScheduledPeriod } from './window.js'

export const COST_REPORT_QUEUE = 'linecast-cost-reports'
export const COST_REPORT_JOB = 'cost_report'

/** Scheduler id (also the cron monitor slug) and crontab pattern of each report, in UTC. */
export const COST_REPORT_SCHEDULES: Readonly<Record<ScheduledPeriod, { id: string; pattern: string }>> = {
  day: { id: 'linecast-cost-report-daily', pattern: '0 8 * * *' },
  week: { id: 'linecast-cost-report-weekly', pattern: '0 8 * * 1' },
}

/** Minutes a report run may take before its monitor counts it as timed out. */
const MAX_RUNTIME_MINUTES = 15

export interface CostReportJobData {
  period: ScheduledPeriod
}

/** What the schedulers use of a BullMQ `Queue` (one fits as it is). */
export interface SchedulerQueue {
  upsertJobScheduler(id: string, repeat: { pattern: string; tz: string }, template: { name: string; data: CostReportJobData }): Promise<unknown>
}

/** The queue `startCostReports` opens (cast it to `Queue` from bullmq for the rest of its API). */
export interface ReportQueue extends SchedulerQueue {
  readonly name: string
  close(): Promise<void>
}

/** BullMQ fails a job for good, without retries, when its error is named UnrecoverableError. */
class UnrecoverableError extends Error {
  override readonly name = 'UnrecoverableError'
}

/** Creates or updates the daily and weekly job schedulers on `queue` (both unless `periods` says otherwise). */
export async function scheduleCostReports(
  queue: SchedulerQueue,
  periods: readonly ScheduledPeriod[] = ['day', 'week'],
): Promise<void> {
  for (const period of periods) {
    const { id, pattern } = COST_REPORT_SCHEDULES[period]
    const data: CostReportJobData = { period }
    await queue.upsertJobScheduler(id, { pattern, tz: 'UTC' }, { name: COST_REPORT_JOB, data })
  }
}

export type ReportLogger = LinecastLogger<ReportEvents & CronEvents & JobEvents>

export interface CostReportDeps {
  /** the database holding the audit_log table: a pg Pool, or PGlite */
  db: Queryable
  logger: ReportLogger
  /** `name` or `schema.name`; default audit_log */
  table?: string
  /** only rows of this event; default every cost event */
  event?: string
  /** cost-event properties the report groups the spend by, e.g. ['tenantId'] */
  groupBy?: readonly string[]
  topGroups?: number
  /** wall clock the report period is computed from; default: when the scheduler's job was due, else now */
  now?: () => Date
}

function periodOf(data: unknown): ScheduledPeriod {
  const period = (data as Partial<CostReportJobData> | null)?.period
  if (period === 'day' || period === 'week') return period
  throw new UnrecoverableError(`cost report job data must be { period: 'day' | 'week' }, got ${JSON.stringify(data)}`)
}

/** What the processor reads of a job: its data and, for a scheduler's job, when it was due. */
export type CostReportJob = { data: unknown } & { timestamp?: number; opts?: { delay?: number } }

/**
 * When a scheduler's job was due: BullMQ creates it `opts.delay` ms ahead of
 * its time. A run picked up late (workers down over midnight) still reports
 * the period before its schedule, so no day is skipped or reported twice.
 */
export function dueTime(job: CostReportJob): Date | undefined {
  const { timestamp } = job
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp <= 0) return undefined
  const delay = job.opts?.delay
  return new Date(timestamp + (typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? delay : 0))
}

/** The processor of a cost report job: computes the report of the last complete period before the run was due and writes it. */
export function costReportProcessor(deps: CostReportDeps): (job: CostReportJob) => Promise<CostReport> {
  return async (job) => {
    const period = periodOf(job.data)
    const window = lastCompletePeriod(period, deps.now?.() ?? dueTime(job) ?? new Date())
    const { id, pattern } = COST_REPORT_SCHEDULES[period]
    return withMonitor(
      { slug: id, schedule: pattern, timezone: 'UTC', maxRuntime: MAX_RUNTIME_MINUTES },
      () =>
        generateCostReport(deps.db, {
          ...window,
          period,
          table: deps.table,
          event: deps.event,
          groupBy: deps.groupBy,
          topGroups: deps.topGroups,
          logger: deps.logger,
        }),
      { logger: deps.logger },
    )
  }
}

export interface CostReportsOptions extends CostReportDeps {
  /** BullMQ's connection: ioredis options or an ioredis instance */
  connection: object
  /** BullMQ key prefix; default BullMQ's `bull` */
  prefix?: string
  /** default linecast-cost-reports */
  queueName?: string
  periods?: readonly ScheduledPeriod[]
}

export interface CostReports {
  queue: ReportQueue
  worker: WorkerLike
  /** stops the worker and closes the queue; the schedulers stay in Redis */
  close(): Promise<void>
}

/** Upserts the schedulers and starts an instrumented worker that runs the reports. */
export async function startCostReports(options: CostReportsOptions): Promise<CostReports> {
  const { connection, prefix, logger } = options
  const name = options.queueName ?? COST_REPORT_QUEUE
  const { Queue } = requirePeer<{ Queue: new (name: string, options: object) => ReportQueue }>('bullmq', 'startCostReports (linecast/reports)')
  const queue = new Queue(name, prefix === undefined ? { connection } : { connection, prefix })
  try {
    await scheduleCostReports(queue, options.periods)
  } catch (error) {
    await queue.close()
    throw error
  }
  const worker = instrumentWorker(name, costReportProcessor(options), prefix === undefined ? { connection, logger } : { connection, prefix, logger })
  return {
    queue,
    worker,
    async close() {
      await worker.close()
      await queue.close()
    },
  }
}
