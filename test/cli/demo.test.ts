/**
 * `linecast demo` end to end: the built binary in a fresh directory, with no
 * vendor, database or Redis settings (the embedded default), then once with
 * Redis. The stream must show the whole story, and the PGlite audit_log
 * under the directory must hold each AI call once.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REDIS_URL, requireService } from '../support/services.js'
import { assertBuilt, binary, runInProcess, type CliResult } from './run-cli.js'

type Line = Record<string, unknown>

const dirs: string[] = []

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linecast-demo-'))
  dirs.push(dir)
  return dir
}

/** The binary with only what it needs in its environment: no DATABASE_URL, REDIS_URL, SENTRY_DSN, … unless given. */
function runDemo(cwd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', ...extraEnv }
    const child = spawn(process.execPath, [binary, 'demo', ...args], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function jsonLines(stdout: string): Line[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line)
}

const byEvent = (lines: Line[], event: string): Line[] => lines.filter((l) => l.event === event)

/** The alert lines of a rule: `alert_triggered`, or `cost_anomaly_detected` for a rule summing a cost event. */
const alertLines = (lines: Line[], rule: string): Line[] =>
  lines.filter((l) => (l.event === 'alert_triggered' || l.event === 'cost_anomaly_detected') && l.rule === rule)

beforeAll(() => assertBuilt())

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('linecast demo on the embedded default', () => {
  let cwd: string
  let result: CliResult
  let lines: Line[]

  beforeAll(async () => {
    cwd = freshDir()
    result = await runDemo(cwd, ['--requests', '20'])
    lines = jsonLines(result.stdout)
  }, 60_000)

  it('exits 0, says what runs embedded, and ends with a summary', () => {
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('audit_log: embedded PGlite in .linecast/pglite')
    expect(result.stderr).toContain('jobs run inline and alert windows are per-process')
    expect(result.stdout).toMatch(/linecast demo: 20 requests in [\d.]+ s against http:\/\/127\.0\.0\.1:\d+/)
    expect(result.stdout).toContain('17 of 17 ai_api_call lines stored')
  })

  it('writes one http_request line per request, each with a request id, including a 404 and a 500', () => {
    const requests = byEvent(lines, 'http_request')
    expect(requests).toHaveLength(20)
    for (const r of requests) expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const statuses = requests.map((r) => r.statusCode)
    expect(statuses).toContain(201)
    expect(statuses).toContain(202)
    expect(statuses).toContain(404)
    expect(statuses).toContain(500)
    const failed = byEvent(lines, 'unhandled_error')
    expect(failed.length).toBe(statuses.filter((s) => s === 500).length)
  })

  it('runs the jobs with their context: started, completed, and a failed attempt that is retried', () => {
    const started = byEvent(lines, 'job_started')
    const completed = byEvent(lines, 'job_completed')
    expect(completed).toHaveLength(8)
    expect(started).toHaveLength(completed.length + byEvent(lines, 'job_failed').length)
    expect(byEvent(lines, 'job_failed')[0]).toMatchObject({ willRetry: true, errorType: 'ProviderUnavailableError' })
    for (const line of [...started, ...completed]) {
      expect(line.jobId).toEqual(expect.any(String))
      expect(line.requestId).toEqual(expect.any(String))
    }
    expect(byEvent(lines, 'logo_generated')).toHaveLength(4)
    expect(byEvent(lines, 'video_generated')).toHaveLength(4)
  })

  it('writes an ai_api_call cost line per AI call, a failed one included', () => {
    const calls = byEvent(lines, 'ai_api_call')
    expect(calls).toHaveLength(17)
    for (const c of calls) expect(c).toMatchObject({ kind: 'cost', cost: expect.any(Number), success: expect.any(Boolean) })
    expect(calls.filter((c) => c.success === false)).toHaveLength(1)
    expect(calls.filter((c) => c.model === 'veo-3').map((c) => c.cost)).toEqual([3.2, 3.2, 3.2, 3.2])
  })

  it('trips the cost_anomaly alert in the transport worker, once', () => {
    const alerts = alertLines(lines, 'cost_anomaly')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ level: 'warn', window: '1h', threshold: 10 })
  })

  it('writes the cost report of the run, matching the cost lines', () => {
    const reports = byEvent(lines, 'cost_report_generated')
    expect(reports).toHaveLength(1)
    const calls = byEvent(lines, 'ai_api_call')
    const total = calls.reduce((sum, c) => sum + (c.cost as number), 0)
    expect(reports[0]).toMatchObject({ period: 'custom', calls: calls.length, failedCalls: 1 })
    expect(reports[0]?.total as number).toBeCloseTo(total, 5)
    const models = [...new Set(calls.map((c) => c.model as string))].sort()
    const byModel = reports[0]?.byModel as { model: string; calls: number }[]
    expect(byModel.map((m) => m.model).sort()).toEqual(models)
    expect(byModel.find((m) => m.model === 'veo-3')?.calls).toBe(4)
  })

  it('runs the cost report as the daily-cost-report cron monitor', () => {
    const started = byEvent(lines, 'cron_job_started')
    const completed = byEvent(lines, 'cron_job_completed')
    expect(started).toHaveLength(1)
    expect(completed).toHaveLength(1)
    expect(started[0]).toMatchObject({ slug: 'daily-cost-report', schedule: '0 8 * * *', maxRuntime: 5 })
    expect(completed[0]).toMatchObject({ slug: 'daily-cost-report', checkInId: started[0]?.checkInId })
  })

  it('answers the new_wizard flag with its catalog default, without PostHog, for each new brand', () => {
    const decisions = lines.filter((l) => l.flag === 'new_wizard')
    expect(decisions).toHaveLength(byEvent(lines, 'wizard_started').length)
    expect(decisions.length).toBeGreaterThan(0)
    for (const d of decisions) expect(d).toMatchObject({ variant: 'control', brandId: expect.any(String), requestId: expect.any(String) })
    expect(lines.filter((l) => l.event === 'linecast.flag_fallback')).toHaveLength(0)
  })

  it('times each logo job in laps', () => {
    const timings = lines.filter((l) => l.timer === 'logo job')
    expect(timings).toHaveLength(byEvent(lines, 'logo_generated').length)
    for (const t of timings) {
      expect(t).toMatchObject({ totalMs: expect.any(Number), jobId: expect.any(String) })
      expect((t.laps as { label: string }[]).map((l) => l.label)).toEqual(['generate', 'store'])
    }
  })

  it('says once that each vendor destination is off', () => {
    const off = byEvent(lines, 'linecast.destination_off').map((l) => l.destination)
    expect([...off].sort()).toEqual(['betterstack', 'email', 'posthog', 'sentry', 'slack'])
  })

  it('stores each ai_api_call line once in the PGlite audit_log under the working directory', async () => {
    const ids = byEvent(lines, 'ai_api_call').map((l) => l.eventId as string)
    const db = await PGlite.create(join(cwd, '.linecast', 'pglite'))
    try {
      const rows = await db.query<{ id: string; n: number }>(
        "select id::text as id, count(*)::int as n from audit_log where action = 'ai.call' group by id",
      )
      expect(rows.rows.map((r) => r.id).sort()).toEqual([...ids].sort())
      expect(rows.rows.every((r) => r.n === 1)).toBe(true)
    } finally {
      await db.close()
    }
  })
})

describe('linecast demo with Redis', () => {
  it('runs the jobs on BullMQ and keeps the alert windows in Redis', async () => {
    await requireService('redis')
    const result = await runDemo(freshDir(), ['--requests', '20', '--json'], { REDIS_URL })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('jobs on BullMQ, alert windows in Redis')
    const lines = jsonLines(result.stdout)
    const completed = byEvent(lines, 'job_completed')
    expect(completed).toHaveLength(8)
    // the request's context travels with the job through Redis
    for (const line of completed) expect(line).toMatchObject({ requestId: expect.any(String), userId: expect.any(String), brandId: expect.any(String) })
    expect(alertLines(lines, 'cost_anomaly')).toHaveLength(1)
    expect(byEvent(lines, 'cron_job_completed').filter((l) => l.slug === 'daily-cost-report')).toHaveLength(1)
    const summary = lines.find((l) => 'summary' in l)?.summary as { jobs: { mode: string }; alertWindows: string; audit: { aiCallRows: number }; schedulers: string[] }
    expect(summary).toMatchObject({ jobs: { mode: 'bullmq' }, alertWindows: 'redis', audit: { aiCallRows: 17 } })
    // the daily and weekly cost report schedulers were registered on the run's queue
    expect(summary.schedulers).toEqual(['linecast-cost-report-daily', 'linecast-cost-report-weekly'])
  }, 60_000)
})

describe('linecast demo options', () => {
  it('refuses a request count that is not a positive whole number', async () => {
    for (const bad of ['0', '2.5', 'many', '5000']) {
      const result = await runInProcess(freshDir(), ['demo', `--requests=${bad}`])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`--requests ${bad} is not a whole number from 1 to 1000`)
    }
  })
})
