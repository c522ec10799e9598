/**
 * `linecast report` and `linecast prune`, the built binary against a real
 * Postgres audit_log table of this test's own.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogStatements } from '../../schema/sql/audit-log-sql.js'
import { DATABASE_URL, requireService } from '../support/services.js'
import { assertBuilt, runBinary } from './run-cli.js'

const DAY = 86_400_000
const table = `cli_report_${randomBytes(4).toString('hex')}`
let pool: pg.Pool
let cwd: string
const db = ['--database-url', DATABASE_URL, '--table', table]

/** noon UTC, `daysAgo` days before today */
function noon(daysAgo: number): string {
  const today = new Date()
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - daysAgo * DAY + DAY / 2).toISOString()
}

async function insert(at: string, meta: Record<string, unknown>): Promise<void> {
  await pool.query(`insert into "${table}" (id, created_at, user_id, action, metadata) values ($1, $2, 'u1', 'ai.call', $3::jsonb)`, [
    randomUUID(),
    at,
    JSON.stringify({ event: 'ai_api_call', kind: 'cost', ...meta }),
  ])
}

beforeAll(async () => {
  assertBuilt()
  await requireService('postgres')
  pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
  for (const statement of auditLogStatements(table)) await pool.query(statement)
  cwd = mkdtempSync(join(tmpdir(), 'linecast-report-'))
  // yesterday: the daily report
  await insert(noon(1), { model: 'claude-sonnet-4-6', brandId: 'brand-a', cost: 1.25, inputTokens: 12000, outputTokens: 3000, success: true })
  await insert(noon(1), { model: 'flux-2-pro', brandId: 'brand-b', cost: 0.06, images: 1, success: false })
  await insert(noon(1), { model: 'flux-2-pro', brandId: 'brand-a', cost: 0.12, images: 2, success: true })
  // long ago: only in --since, and old enough to prune
  await insert(new Date(Date.now() - 200 * DAY).toISOString(), { model: 'veo-3', brandId: 'brand-c', cost: 8, success: true })
  await insert(new Date(Date.now() - 120 * DAY).toISOString(), { model: 'veo-3', brandId: 'brand-c', cost: 4, success: true })
})

afterAll(async () => {
  await pool.query(`drop table if exists "${table}"`)
  await pool.end()
  rmSync(cwd, { recursive: true, force: true })
})

describe('linecast report', () => {
  it('prints the previous UTC day as tables', async () => {
    const { code, stdout, stderr } = await runBinary(['report', '--period', 'daily', '--by', 'brandId', ...db], cwd)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^AI cost report \(day\): \d{4}-\d{2}-\d{2}T00:00:00\.000Z to \d{4}-\d{2}-\d{2}T00:00:00\.000Z$/)
    const row = (label: string): string[] | undefined => lines.find((l) => l.startsWith(`${label} `))?.trim().split(/\s{2,}/)
    expect(row('cost')).toEqual(['cost', '$1.43'])
    expect(row('calls')).toEqual(['calls', '3'])
    expect(row('failed calls')).toEqual(['failed calls', '1'])
    expect(row('input tokens')).toEqual(['input tokens', '12,000'])
    expect(row('images')).toEqual(['images', '3'])
    expect(row('claude-sonnet-4-6')).toEqual(['claude-sonnet-4-6', '1', '$1.25'])
    expect(row('flux-2-pro')).toEqual(['flux-2-pro', '2', '$0.18'])
    expect(lines.map((l) => l.trim().split(/\s{2,}/))).toContainEqual(['brandId', 'calls', 'cost'])
    expect(row('brand-a')).toEqual(['brand-a', '2', '$1.37'])
    expect(stdout).not.toContain('veo-3')
  })

  it('groups by several properties of the cost events with --by, and refuses a name that is not one', async () => {
    const [pairs, bad] = await Promise.all([
      runBinary(['report', '--period', 'daily', '--by', 'model,brandId', '--top', '1', ...db], cwd),
      runBinary(['report', '--period', 'daily', '--by', 'model,brand id', ...db], cwd),
    ])
    expect(pairs.code).toBe(0)
    const cells = pairs.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/))
    const start = cells.findIndex((c) => c[0] === 'model / brandId')
    expect(cells.slice(start, start + 4)).toEqual([
      ['model / brandId', 'calls', 'cost'],
      [expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/)],
      ['claude-sonnet-4-6 / brand-a', '1', '$1.25'],
      ['other', '2', '$0.18'],
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--by model,brand id: "brand id" is not a property name')
  })

  it('prints JSON from --since to now', async () => {
    const since = new Date(Date.now() - 365 * DAY).toISOString().slice(0, 10)
    const { code, stdout } = await runBinary(['report', '--since', since, '--json', ...db], cwd)
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { period: string; total: number; calls: number; byModel: { model: string }[] }
    expect(report).toMatchObject({ period: 'custom', total: 13.43, calls: 5 })
    expect(report.byModel[0]).toEqual({ model: 'veo-3', calls: 2, cost: 12 })
  })

  it('exits 2 on a bad period and 1 on an unreachable database', async () => {
    const [bad, down] = await Promise.all([
      runBinary(['report', '--period', 'hourly', ...db], cwd),
      runBinary(['report', '--database-url', 'postgres://postgres@127.0.0.1:1/none'], cwd),
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--period hourly is not a period')
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('LINECAST_DATABASE_CONNECT')
  })
})

describe('linecast prune', () => {
  async function rows(): Promise<number> {
    const { rows: r } = await pool.query<{ n: number }>(`select count(*)::int as n from "${table}"`)
    return r[0]?.n ?? -1
  }

  it('counts on --dry-run, then deletes in batches and reports the counts', async () => {
    const dry = await runBinary(['prune', '--older-than', '90d', '--dry-run', ...db], cwd)
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(new RegExp(`^dry run: 2 rows of ${table} are older than 90d`))
    expect(await rows()).toBe(5)

    const run = await runBinary(['prune', '--older-than', '90d', '--batch-size', '1', ...db], cwd)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^deleted 2 rows of ${table} older than 90d .* in 3 batches\\n$`))
    expect(run.stderr.trim().split('\n')).toEqual(['batch: deleted 1 rows (1 so far)', 'batch: deleted 1 rows (2 so far)', 'batch: deleted 0 rows (2 so far)'])
    expect(await rows()).toBe(3)
  })

  it('needs --older-than as a duration', async () => {
    const [missing, bad] = await Promise.all([runBinary(['prune', ...db], cwd), runBinary(['prune', '--older-than', 'ninety days', ...db], cwd)])
    expect(missing.code).toBe(2)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('e.g. 500ms, 30s')
  })
})
