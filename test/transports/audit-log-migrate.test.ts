/** `migrate` creates the shipped table idempotently, on Postgres and PGlite. */
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditLogMigrateError, migrate, migrateDatabase } from '../../transports/sinks/audit-log/index.js'
import type { Queryable } from '../../schema/sql/queryable.js'
import { DATABASE_URL, requireService } from '../support/services.js'
import { uniqueTable } from './audit-log-fixtures.js'

const COLUMNS = [
  ['id', 'uuid', 'NO'],
  ['created_at', 'timestamp with time zone', 'NO'],
  ['user_id', 'text', 'YES'],
  ['action', 'text', 'NO'],
  ['resource_type', 'text', 'YES'],
  ['resource_id', 'text', 'YES'],
  ['request_id', 'text', 'YES'],
  ['metadata', 'jsonb', 'NO'],
]

async function describeTable(db: Queryable, schema: string, table: string) {
  const columns = await db.query(
    'select column_name, data_type, is_nullable from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position',
    [schema, table],
  )
  const indexes = await db.query(
    'select indexname from pg_indexes where schemaname = $1 and tablename = $2 order by indexname',
    [schema, table],
  )
  return {
    columns: (columns.rows as Array<Record<string, string>>).map((c) => [c.column_name, c.data_type, c.is_nullable]),
    indexes: (indexes.rows as Array<Record<string, string>>).map((i) => i.indexname),
  }
}

function expectedIndexes(table: string): string[] {
  return ['action_created_at_idx', 'cost_idx', 'created_at_idx', 'pkey', 'resource_idx', 'user_id_idx'].map((s) => `${table}_${s}`).sort()
}

describe('migrate on Postgres', () => {
  let admin: pg.Client
  const cleanup: string[] = []
  beforeAll(async () => {
    await requireService('postgres')
    admin = new pg.Client(DATABASE_URL)
    await admin.connect()
  })
  afterAll(async () => {
    for (const statement of cleanup) await admin.query(statement)
    await admin.end()
  })

  it('creates the table with its columns and indexes, and a second run changes nothing', async () => {
    const table = uniqueTable()
    cleanup.push(`drop table if exists "${table}"`)
    expect(await migrateDatabase({ databaseUrl: DATABASE_URL }, { table })).toEqual({ table, created: true, statements: 6 })
    const first = await describeTable(admin, 'public', table)
    expect(first.columns).toEqual(COLUMNS)
    expect(first.indexes).toEqual(expectedIndexes(table))
    expect(await migrateDatabase({ databaseUrl: DATABASE_URL }, { table })).toEqual({ table, created: false, statements: 6 })
    expect(await describeTable(admin, 'public', table)).toEqual(first)
  })

  it('lets several processes migrate at once', async () => {
    const table = uniqueTable()
    cleanup.push(`drop table if exists "${table}"`)
    const results = await Promise.all([1, 2, 3].map(() => migrateDatabase({ databaseUrl: DATABASE_URL }, { table })))
    expect(results.filter((r) => r.created)).toHaveLength(1)
  })

  it('creates a schema-qualified table and its schema', async () => {
    const schema = `linecast_test_${randomBytes(4).toString('hex')}`
    cleanup.push(`drop schema if exists "${schema}" cascade`)
    await migrateDatabase({ databaseUrl: DATABASE_URL }, { table: `${schema}.audit_log` })
    expect((await describeTable(admin, schema, 'audit_log')).indexes).toEqual(expectedIndexes('audit_log'))
  })

  it('says what to check when the database cannot be reached', async () => {
    const attempt = migrateDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' })
    await expect(attempt).rejects.toBeInstanceOf(AuditLogMigrateError)
    await expect(attempt).rejects.toThrow(/could not create table audit_log: .*check the database URL/)
  })
})

describe('migrate on PGlite', () => {
  it('is idempotent', async () => {
    const db = await PGlite.create('memory://')
    try {
      expect(await migrate(db)).toMatchObject({ created: true })
      expect(await migrate(db)).toMatchObject({ created: false })
      const { columns, indexes } = await describeTable(db, 'public', 'audit_log')
      expect(columns).toEqual(COLUMNS)
      expect(indexes).toEqual(expectedIndexes('audit_log'))
    } finally {
      await db.close()
    }
  })
})
