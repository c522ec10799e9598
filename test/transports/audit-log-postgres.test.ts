/**
 * The audit_log sink against the machine's PostgreSQL: exact rows, replays,
 * a bad row in a batch, connections killed mid-batch, a missing table.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Sink } from '../../transports/worker/delivery/types.js'
import { type AuditRow, createSink, migrateDatabase } from '../../transports/sinks/audit-log/index.js'
import { DATABASE_URL, requireService } from '../support/services.js'
import { aiCall, context, line, noTimeout, type Reported, uniqueTable, until } from './audit-log-fixtures.js'

let admin: pg.Client
const tables: string[] = []
const sinks: Sink<AuditRow>[] = []

beforeAll(async () => {
  await requireService('postgres')
  admin = new pg.Client(DATABASE_URL)
  await admin.connect()
})
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close?.()))
})
afterAll(async () => {
  for (const table of tables) await admin.query(`drop table if exists "${table}"`)
  await admin.end()
})

async function setup(settings: Record<string, unknown> = {}, reports: Reported[] = []) {
  const table = uniqueTable()
  tables.push(table)
  const applicationName = `linecast_test_${randomBytes(4).toString('hex')}`
  if (settings.autoMigrate !== true) await migrateDatabase({ databaseUrl: DATABASE_URL }, { table })
  const sink = await createSink('audit', context({ databaseUrl: DATABASE_URL, table, applicationName, ...settings }, reports))
  sinks.push(sink)
  return { table, sink, applicationName }
}

async function count(table: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from "${table}"`)
  return rows[0]?.n ?? -1
}

describe('audit_log sink on Postgres', () => {
  it('declares 1000 rows per insert and one insert in flight per pooled connection', async () => {
    const { sink } = await setup({ poolSize: 3 })
    expect(sink.limits).toEqual({ maxItems: 1000, maxLineBytes: 16 * 1024 * 1024, maxInFlight: 3 })
    const { sink: defaults } = await setup()
    expect(defaults.limits?.maxInFlight).toBe(2)
  })

  it('inserts full batches of 1000 rows over the pool at once, each row once, replays included', async () => {
    const { table, sink, applicationName } = await setup({ poolSize: 2 })
    const batches = Array.from({ length: 4 }, () => Array.from({ length: 1000 }, () => aiCall()))
    const sends = batches.map((batch) => sink.send(batch.map((l) => sink.encode(l)), noTimeout()))
    expect(await Promise.all(sends)).toEqual(batches.map(() => ({ type: 'ok' })))
    expect(await count(table)).toBe(4000)
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1', [applicationName])
    expect(rows[0]?.n).toBeLessThanOrEqual(2)
    expect(await sink.send(batches[0]!.map((l) => sink.encode(l)), noTimeout())).toEqual({ type: 'ok' })
    expect(await count(table)).toBe(4000)
  })

  it('writes one row per line with exactly the mapped columns', async () => {
    const { table, sink } = await setup()
    const cost = aiCall({ time: '2025-03-01T10:00:00.123Z', tenant: 'acme' })
    const audit = line('brand_deleted', { actorId: 'admin-1', brandId: 'b-9', reason: 'requested', requestId: 'req-7' })
    expect(await sink.send([sink.encode(cost), sink.encode(audit)], noTimeout())).toEqual({ type: 'ok' })
    const { rows } = await admin.query(`select * from "${table}" order by action`)
    expect(rows).toEqual([
      {
        id: cost.eventId,
        created_at: new Date('2025-03-01T10:00:00.123Z'),
        user_id: 'user-1',
        action: 'ai_api_call',
        resource_type: 'cost',
        resource_id: null,
        request_id: 'req-1',
        metadata: {
          event: 'ai_api_call',
          kind: 'cost',
          service: 'brand-api',
          env: 'test',
          tenant: 'acme',
          model: 'gpt-4o',
          brandId: 'brand-1',
          cost: 0.25,
          inputTokens: 100,
          outputTokens: 50,
          success: true,
        },
      },
      {
        id: audit.eventId,
        created_at: new Date(audit.time),
        user_id: 'admin-1',
        action: 'brand.delete',
        resource_type: 'brand',
        resource_id: 'b-9',
        request_id: 'req-7',
        metadata: { event: 'brand_deleted', kind: 'audit', service: 'brand-api', env: 'test', brandId: 'b-9', reason: 'requested' },
      },
    ])
  })

  it('keeps one row per line when the same batch is sent twice', async () => {
    const { table, sink } = await setup()
    const batch = Array.from({ length: 20 }, () => sink.encode(aiCall()))
    expect(await sink.send(batch, noTimeout())).toEqual({ type: 'ok' })
    expect(await sink.send(batch, noTimeout())).toEqual({ type: 'ok' })
    expect(await count(table)).toBe(20)
  })

  it('delivers the rest of a batch with one bad row and names the culprit', async () => {
    const { table, sink } = await setup()
    await admin.query(`alter table "${table}" alter column resource_id type varchar(8)`)
    const batch = Array.from({ length: 9 }, (_, i) =>
      sink.encode(line('brand_deleted', { actorId: 'a', brandId: i === 5 ? 'brand-with-a-long-id' : `b-${i}` })),
    )
    const outcome = await sink.send(batch, noTimeout())
    expect(outcome).toMatchObject({ type: 'reject', items: [5], reason: expect.stringMatching(/row 5: value too long .*\(SQLSTATE 22001\)/) })
    const { rows } = await admin.query<{ id: string }>(`select id from "${table}"`)
    expect(rows.map((r) => r.id).sort()).toEqual(batch.filter((_, i) => i !== 5).map((r) => r.id).sort())
  })

  it('retries when Postgres drops its connections mid-batch, and the resend lands every row once', async () => {
    const reports: Reported[] = []
    const { table, sink, applicationName } = await setup({}, reports)
    const batch = Array.from({ length: 30 }, () => sink.encode(aiCall()))
    expect(await sink.send(batch.slice(0, 10), noTimeout())).toEqual({ type: 'ok' })

    // Hold the table so the insert is in flight, then kill the sink's connections under it.
    const locker = new pg.Client(DATABASE_URL)
    await locker.connect()
    await locker.query('begin')
    await locker.query(`lock table "${table}" in access exclusive mode`)
    let outcome
    try {
      const inFlight = sink.send(batch, noTimeout())
      await until(async () => {
        const { rows } = await admin.query(
          "select 1 from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'",
          [applicationName],
        )
        return rows.length > 0
      }, 'the insert waits on the lock')
      const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName])
      expect(killed.rowCount).toBeGreaterThan(0)
      outcome = await inFlight
    } finally {
      await locker.query('rollback')
      await locker.end()
    }

    expect(outcome).toMatchObject({ type: 'retry', reason: expect.stringMatching(/terminat/i) })
    expect(await count(table)).toBe(10)
    expect(await sink.send(batch, noTimeout())).toEqual({ type: 'ok' })
    const { rows } = await admin.query<{ id: string; n: number }>(`select id, count(*)::int as n from "${table}" group by id`)
    expect(rows).toHaveLength(30)
    expect(rows.every((r) => r.n === 1)).toBe(true)
  })

  it('retries a missing table and tells the user to run linecast migrate, once', async () => {
    const reports: Reported[] = []
    const table = uniqueTable()
    tables.push(table)
    const sink = await createSink('audit', context({ databaseUrl: DATABASE_URL, table }, reports))
    sinks.push(sink)
    const row = sink.encode(aiCall())
    expect(await sink.send([row], noTimeout())).toMatchObject({ type: 'retry' })
    expect(await sink.send([row], noTimeout())).toMatchObject({ type: 'retry' })
    expect(reports).toEqual([
      {
        level: 'error',
        msg: expect.stringContaining(`run \`linecast migrate --table ${table}\``),
        fields: expect.objectContaining({ code: 'AUDIT_LOG_TABLE_MISSING', backend: 'postgres' }),
      },
    ])
    await migrateDatabase({ databaseUrl: DATABASE_URL }, { table })
    expect(await sink.send([row], noTimeout())).toEqual({ type: 'ok' })
    expect(await count(table)).toBe(1)
  })

  it('creates the table at start with autoMigrate: true', async () => {
    const { table, sink } = await setup({ autoMigrate: true })
    expect(await sink.send([sink.encode(aiCall())], noTimeout())).toEqual({ type: 'ok' })
    expect(await count(table)).toBe(1)
  })

  it('retries while the database cannot be reached', async () => {
    const sink = await createSink('audit', context({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' }))
    sinks.push(sink)
    expect(await sink.send([sink.encode(aiCall())], noTimeout())).toMatchObject({ type: 'retry', reason: expect.stringMatching(/ECONNREFUSED/) })
  })
})
