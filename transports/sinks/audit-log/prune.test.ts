import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLogStatements } from '../../../schema/sql/audit-log-sql.js'
import { DATABASE_URL, requireService } from '../../../test/support/services.js'
import { AuditLogPruneError, pruneAuditLog } from './prune.js'

const DAY = 86_400_000
const NOW = Date.parse('2025-06-30T12:00:00Z')
const table = `prune_${randomBytes(4).toString('hex')}`
let pool: pg.Pool

async function seed(ages: number[]): Promise<void> {
  await pool.query(`truncate "${table}"`)
  for (const ageDays of ages) {
    await pool.query(`insert into "${table}" (id, created_at, action, metadata) values ($1, $2, 'x', '{}'::jsonb)`, [
      randomUUID(),
      new Date(NOW - ageDays * DAY).toISOString(),
    ])
  }
}

async function remaining(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from "${table}"`)
  return rows[0]?.n ?? -1
}

beforeAll(async () => {
  await requireService('postgres')
  pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
  for (const statement of auditLogStatements(table)) await pool.query(statement)
})

afterAll(async () => {
  await pool.query(`drop table if exists "${table}"`)
  await pool.end()
})

describe('pruneAuditLog', () => {
  beforeEach(async () => {
    // 7 rows past 90 days, 3 within
    await seed([200, 150, 120, 100, 95, 91, 90.5, 89, 10, 0])
  })

  it('deletes the rows older than the window in batches and keeps the rest', async () => {
    const batches: Array<[number, number]> = []
    const result = await pruneAuditLog(pool, {
      olderThanMs: 90 * DAY,
      batchSize: 3,
      table,
      now: () => NOW,
      onBatch: (deleted, total) => batches.push([deleted, total]),
    })
    expect(result).toMatchObject({ table, deleted: 7, batches: 3, dryRun: false, stopped: false })
    expect(result.cutoff.toISOString()).toBe(new Date(NOW - 90 * DAY).toISOString())
    expect(batches).toEqual([
      [3, 3],
      [3, 6],
      [1, 7],
    ])
    expect(await remaining()).toBe(3)
  })

  it('runs one more statement when the last batch is exactly full', async () => {
    const result = await pruneAuditLog(pool, { olderThanMs: 90 * DAY, batchSize: 7, table, now: () => NOW })
    expect(result).toMatchObject({ deleted: 7, batches: 2 })
    expect(await remaining()).toBe(3)
  })

  it('counts without deleting on a dry run', async () => {
    const result = await pruneAuditLog(pool, { olderThanMs: 90 * DAY, table, dryRun: true, now: () => NOW })
    expect(result).toMatchObject({ deleted: 7, batches: 0, dryRun: true })
    expect(await remaining()).toBe(10)
  })

  it('stops between batches when aborted', async () => {
    const controller = new AbortController()
    const result = await pruneAuditLog(pool, {
      olderThanMs: 90 * DAY,
      batchSize: 2,
      table,
      now: () => NOW,
      signal: controller.signal,
      onBatch: () => controller.abort(),
    })
    expect(result).toMatchObject({ deleted: 2, batches: 1, stopped: true })
    expect(await remaining()).toBe(8)
  })

  it('rejects a bad window, batch size or table name before touching the database', async () => {
    await expect(pruneAuditLog(pool, { olderThanMs: 0, table })).rejects.toThrow(/positive duration/)
    await expect(pruneAuditLog(pool, { olderThanMs: DAY, batchSize: 0, table })).rejects.toThrow(/batch size/)
    await expect(pruneAuditLog(pool, { olderThanMs: DAY, table: 'bad name; drop' })).rejects.toBeInstanceOf(AuditLogPruneError)
    expect(await remaining()).toBe(10)
  })

  it('says to migrate when the table is missing', async () => {
    const error = await pruneAuditLog(pool, { olderThanMs: DAY, table: `${table}_missing` }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuditLogPruneError)
    expect((error as AuditLogPruneError).code).toBe('AUDIT_LOG_PRUNE')
    expect((error as Error).message).toMatch(/linecast migrate/)
  })
})
