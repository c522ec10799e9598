/**
 * Cost reports over a real Postgres audit_log (seeded ai_api_call rows in a
 * table of this test's own), and their BullMQ job schedulers in a real Redis.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { Queue } from 'bullmq'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCostReport, costReportProcessor, scheduleCostReports, startCostReports } from '../../integrations/reports/index.js'
import { COST_REPORT_JOB, COST_REPORT_SCHEDULES } from '../../integrations/reports/schedule.js'
import { compiled } from '../../generated/events.js'
import { compileRouter } from '../../router/route.js'
import { auditLogStatements } from '../../schema/sql/audit-log-sql.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { DATABASE_URL, REDIS_URL, requireService } from '../support/services.js'
import { captureLogger, linesOf } from './capture-logger.js'
import { waitUntil } from './wait.js'

const table = `reports_${randomBytes(4).toString('hex')}`
const prefix = `lc-reports-${randomBytes(4).toString('hex')}`
const redis = new URL(REDIS_URL)
const connection = { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null }
let pool: pg.Pool

/** [created_at, user, metadata] rows; 2025-03-03 is the day reported, 2025-03-03..10 the week */
const ROWS: Array<[string, string | null, Record<string, unknown>]> = [
  ['2025-03-03T09:00:00Z', 'u1', { model: 'claude-sonnet-4-6', brandId: 'b1', cost: 0.1, inputTokens: 1000, outputTokens: 200, success: true }],
  ['2025-03-03T10:00:00Z', 'u1', { model: 'claude-sonnet-4-6', brandId: 'b2', cost: 0.2, inputTokens: 2000, outputTokens: 400, success: true }],
  ['2025-03-03T11:00:00Z', 'u2', { model: 'flux-2-pro', brandId: 'b1', cost: 0.12, images: 2, success: true }],
  ['2025-03-03T23:59:59Z', 'u2', { model: 'flux-2-pro', brandId: 'b3', cost: 0.06, images: 1, success: false }],
  ['2025-03-03T12:00:00Z', null, { model: 'veo-3', cost: 4, success: true }],
  // the next day: in the week, not in the day
  ['2025-03-04T00:00:00Z', 'u1', { model: 'claude-sonnet-4-6', brandId: 'b1', cost: 1, inputTokens: 5000, outputTokens: 1000, success: true }],
  // before both windows
  ['2025-03-02T23:59:59Z', 'u1', { model: 'flux-2-pro', brandId: 'b1', cost: 50, images: 1, success: true }],
]

beforeAll(async () => {
  await requireService('postgres')
  await requireService('redis')
  pool = new pg.Pool({ connectionString: DATABASE_URL, max: 3 })
  for (const statement of auditLogStatements(table)) await pool.query(statement)
  for (const [at, user, meta] of ROWS) {
    await pool.query(`insert into "${table}" (id, created_at, user_id, action, resource_type, resource_id, metadata) values ($1, $2, $3, 'ai.call', 'model', $4, $5::jsonb)`, [
      randomUUID(),
      at,
      user,
      meta.model,
      JSON.stringify({ event: 'ai_api_call', kind: 'cost', service: 'bmn-api', provider: 'x', taskType: 'logo', ...meta }),
    ])
  }
  // an audit row with a cost field is not a cost record
  await pool.query(`insert into "${table}" (id, created_at, action, metadata) values ($1, '2025-03-03T13:00:00Z', 'brand.delete', $2::jsonb)`, [
    randomUUID(),
    JSON.stringify({ event: 'brand_deleted', kind: 'audit', cost: 999 }),
  ])
})

afterAll(async () => {
  await pool.query(`drop table if exists "${table}"`)
  await pool.end()
})

const DAY = {
  period: 'day',
  from: '2025-03-03T00:00:00.000Z',
  to: '2025-03-04T00:00:00.000Z',
  total: 4.48,
  calls: 5,
  failedCalls: 1,
  inputTokens: 3000,
  outputTokens: 600,
  images: 3,
  byModel: [
    { model: 'veo-3', calls: 1, cost: 4 },
    { model: 'claude-sonnet-4-6', calls: 2, cost: 0.3 },
    { model: 'flux-2-pro', calls: 2, cost: 0.18 },
  ],
}

describe('buildCostReport', () => {
  it('aggregates the period in SQL: totals, failures, tokens, images, by model', async () => {
    const report = await buildCostReport(pool, { period: 'day', from: new Date(DAY.from), to: new Date(DAY.to), table })
    expect(report).toEqual(DAY)
  })

  it("groups the spend by the cost events' properties, largest first", async () => {
    const report = await buildCostReport(pool, { period: 'day', from: new Date(DAY.from), to: new Date(DAY.to), table, groupBy: ['brandId'] })
    expect(report).toEqual({
      ...DAY,
      groupBy: ['brandId'],
      groups: [
        { key: 'unknown', calls: 1, cost: 4 },
        { key: 'b1', calls: 2, cost: 0.22 },
        { key: 'b2', calls: 1, cost: 0.2 },
        { key: 'b3', calls: 1, cost: 0.06 },
      ],
    })
  })

  it('folds the groups past topGroups into one other row', async () => {
    const report = await buildCostReport(pool, { period: 'day', from: new Date(DAY.from), to: new Date(DAY.to), table, groupBy: ['brandId'], topGroups: 2 })
    expect(report.groups).toEqual([
      { key: 'unknown', calls: 1, cost: 4 },
      { key: 'b1', calls: 2, cost: 0.22 },
      { key: 'other', calls: 2, cost: 0.26 },
    ])
  })
})

describe('scheduled cost reports', () => {
  it('upserts the daily and weekly job schedulers at 08:00 UTC, idempotently', async () => {
    const queue = new Queue(`schedulers-${randomBytes(3).toString('hex')}`, { connection, prefix })
    try {
      await scheduleCostReports(queue)
      await scheduleCostReports(queue)
      const schedulers = await queue.getJobSchedulers()
      const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]))
      expect(schedulers).toHaveLength(2)
      expect(byId[COST_REPORT_SCHEDULES.day.id]).toMatchObject({ pattern: '0 8 * * *', tz: 'UTC', name: COST_REPORT_JOB })
      expect(byId[COST_REPORT_SCHEDULES.week.id]).toMatchObject({ pattern: '0 8 * * 1', tz: 'UTC', name: COST_REPORT_JOB })
      expect(byId[COST_REPORT_SCHEDULES.week.id]?.template?.data).toEqual({ period: 'week' })
      const next = new Date(byId[COST_REPORT_SCHEDULES.day.id]?.next ?? 0)
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([8, 0])
    } finally {
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })

  it('a daily run reports the previous UTC day as cost_report_generated inside a cron monitor', async () => {
    const { log, out } = captureLogger()
    const run = costReportProcessor({ db: pool, logger: log, table, now: () => new Date('2025-03-04T08:00:03Z') })
    expect(await run({ data: { period: 'day' } })).toEqual(DAY)
    expect(out.lines.map((l) => l.event)).toEqual(['cron_job_started', 'cost_report_generated', 'cron_job_completed'])
    const [started, report] = out.lines
    expect(report).toMatchObject({ level: 'info', kind: 'metric', ...DAY, msg: 'Cost report day: 4.48 USD over 5 calls' })
    expect(started).toMatchObject({ slug: 'linecast-cost-report-daily', schedule: '0 8 * * *', timezone: 'UTC' })
  })

  it('a run picked up late reports the period before its schedule was due, not before the time it ran', async () => {
    const { log } = captureLogger()
    const run = costReportProcessor({ db: pool, logger: log, table })
    // created by the scheduler at 07:59:59.500, due 500 ms later; run long after
    const report = await run({ data: { period: 'day' }, timestamp: Date.parse('2025-03-04T07:59:59.500Z'), opts: { delay: 500 } })
    expect(report).toEqual(DAY)
  })

  it('a weekly run reports the previous Monday-to-Monday week', async () => {
    const { log } = captureLogger()
    const run = costReportProcessor({ db: pool, logger: log, table, now: () => new Date('2025-03-10T08:00:00Z') })
    const report = await run({ data: { period: 'week' } })
    expect(report).toMatchObject({ period: 'week', from: '2025-03-03T00:00:00.000Z', to: '2025-03-10T00:00:00.000Z', total: 5.48, calls: 6 })
  })

  it('rejects job data without a valid period as unrecoverable', async () => {
    const { log } = captureLogger()
    await expect(costReportProcessor({ db: pool, logger: log, table })({ data: { period: 'hourly' } })).rejects.toThrow(/period/)
  })

  it('startCostReports runs a queued report job through the instrumented worker', async () => {
    const { log, out } = captureLogger()
    const queueName = `reports-${randomBytes(3).toString('hex')}`
    const reports = await startCostReports({
      connection,
      prefix,
      queueName,
      db: pool,
      logger: log,
      table,
      now: () => new Date('2025-03-04T08:00:00Z'),
    })
    const queue = reports.queue as unknown as Queue
    try {
      expect((await queue.getJobSchedulers()).map((s) => s.pattern).sort()).toEqual(['0 8 * * *', '0 8 * * 1'])
      const job = await queue.add(COST_REPORT_JOB, { period: 'day' })
      await waitUntil(() => linesOf(out, 'job_completed').length === 1, 'the report job to complete')
      expect(out.lines.map((l) => l.event)).toEqual(['job_started', 'cron_job_started', 'cost_report_generated', 'cron_job_completed', 'job_completed'])
      expect(linesOf(out, 'cost_report_generated')[0]).toMatchObject({ total: 4.48, calls: 5, jobId: job.id })
    } finally {
      await queue.obliterate({ force: true })
      await reports.close()
    }
  })
})

describe('cost report routing in the shipped catalog', () => {
  it('sends cost_report_generated to Slack, email and the logs', async () => {
    const { log, out } = captureLogger()
    await costReportProcessor({ db: pool, logger: log, table, now: () => new Date('2025-03-04T08:00:00Z') })({ data: { period: 'day' } })
    const [line] = linesOf(out, 'cost_report_generated')
    expect([...compileRouter(compiled)(line as LogLine)].sort()).toEqual(['betterstack', 'email', 'slack'])
  })
})
