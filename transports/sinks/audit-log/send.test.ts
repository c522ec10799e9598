import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aiCall, catalog, noTimeout, type Reported, uniqueTable } from '../../../test/transports/audit-log-fixtures.js'
import { createEncoder } from './encode.js'
import { migrate } from './migrate.js'
import { createPgliteBackend } from './pglite.js'
import { createSender } from './send.js'

const encode = createEncoder(catalog)
let db: PGlite

beforeAll(async () => {
  db = await PGlite.create('memory://')
})
afterAll(async () => {
  await db.close()
})

async function freshTable(): Promise<string> {
  const table = uniqueTable()
  await migrate(db, { table })
  return table
}

async function ids(table: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`select id from "${table}" order by id`)
  return rows.map((r) => r.id)
}

describe('audit_log sender', () => {
  it('inserts a batch, and a replay of it adds nothing', async () => {
    const table = await freshTable()
    const send = createSender(createPgliteBackend(db, table, false), () => undefined)
    const rows = Array.from({ length: 5 }, () => encode(aiCall()))
    expect(await send(rows, noTimeout())).toEqual({ type: 'ok' })
    expect(await send(rows, noTimeout())).toEqual({ type: 'ok' })
    expect(await ids(table)).toEqual(rows.map((r) => r.id).sort())
  })

  it('delivers the rest of a batch and names only the refused rows', async () => {
    const table = await freshTable()
    const send = createSender(createPgliteBackend(db, table, false), () => undefined)
    const rows = Array.from({ length: 10 }, (_, i) =>
      // jsonb refuses the NUL character: rows 3 and 7 are bad data
      encode(aiCall(i === 3 || i === 7 ? { prompt: 'nul \u0000 byte' } : { index: i })),
    )
    const outcome = await send(rows, noTimeout())
    expect(outcome).toMatchObject({ type: 'reject', items: [3, 7] })
    expect(outcome.type === 'reject' && outcome.reason).toMatch(/^pglite refused 2 of 10 rows of audit_log_test_\w+: row 3: .*\(SQLSTATE 22P05\); row 7: /)
    const good = rows.filter((_, i) => i !== 3 && i !== 7).map((r) => r.id)
    expect(await ids(table)).toEqual(good.sort())
  })

  it('names every row when every row is bad', async () => {
    const table = await freshTable()
    await db.exec(`alter table "${table}" alter column action type varchar(4)`)
    const send = createSender(createPgliteBackend(db, table, false), () => undefined)
    const rows = Array.from({ length: 5 }, () => encode(aiCall()))
    const outcome = await send(rows, noTimeout())
    expect(outcome).toMatchObject({ type: 'reject', items: [0, 1, 2, 3, 4] })
    expect(outcome.type === 'reject' && outcome.reason).toMatch(
      /refused 5 of 5 rows .*: row 0: value too long .*; row 1: .*; row 2: .*; and 2 more$/,
    )
    expect(await ids(table)).toEqual([])
  })

  it('retries while the table is missing, reports it once, and reports again after it came and went', async () => {
    const table = uniqueTable()
    const reports: Reported[] = []
    const send = createSender(createPgliteBackend(db, table, false), (level, msg, fields) => void reports.push({ level, msg, fields }))
    const row = encode(aiCall())
    const first = await send([row], noTimeout())
    expect(first).toMatchObject({ type: 'retry', reason: expect.stringMatching(/linecast migrate --table audit_log_test_/) })
    expect(await send([row], noTimeout())).toMatchObject({ type: 'retry' })
    expect(reports).toEqual([
      { level: 'error', msg: expect.stringMatching(/does not exist/), fields: expect.objectContaining({ code: 'AUDIT_LOG_TABLE_MISSING', table }) },
    ])
    await migrate(db, { table })
    expect(await send([row], noTimeout())).toEqual({ type: 'ok' })
    await db.exec(`drop table "${table}"`)
    expect(await send([row], noTimeout())).toMatchObject({ type: 'retry' })
    expect(reports).toHaveLength(2)
  })

  it('rejects loudly, without bisecting, a table that does not match the shipped SQL', async () => {
    const table = uniqueTable()
    await db.exec(`create table "${table}" (id uuid primary key, created_at timestamptz not null)`)
    const send = createSender(createPgliteBackend(db, table, false), () => undefined)
    const outcome = await send([encode(aiCall()), encode(aiCall())], noTimeout())
    expect(outcome).toMatchObject({ type: 'reject', loud: true, reason: expect.stringMatching(/does not match schema\/sql\/audit_log.sql/) })
    expect(outcome).not.toHaveProperty('items')
  })

  it('settles as a retry when the delivery layer has already given up', async () => {
    const table = await freshTable()
    const send = createSender(createPgliteBackend(db, table, false), () => undefined)
    expect(await send([encode(aiCall())], AbortSignal.abort())).toEqual({ type: 'retry', reason: 'timed out before the database answered' })
  })

  it('sends nothing for an empty batch', async () => {
    const send = createSender(createPgliteBackend(db, uniqueTable(), false), () => undefined)
    expect(await send([], noTimeout())).toEqual({ type: 'ok' })
  })
})
