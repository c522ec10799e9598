/**
 * A Postgres schema of its own for one test file: the shipped catalog names
 * its table `audit_log`, so each test points DATABASE_URL at a fresh schema
 * (search_path in the connection string) and migrates `audit_log` there.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrateDatabase } from '../../transports/sinks/audit-log/index.js'
import { DATABASE_URL } from '../support/services.js'

export interface AuditSchema {
  /** schema name, e.g. e2e_1a2b3c4d */
  schema: string
  /** DATABASE_URL whose unqualified `audit_log` is this schema's table */
  url: string
  /** id -> number of rows with that id */
  countsById(): Promise<Map<string, number>>
  rows(): Promise<{ id: string; action: string; user_id: string | null; metadata: Record<string, unknown> }[]>
  /** a connection of the test's own (for locks) */
  admin: pg.Client
  /** server connections opened through `url` (by any process) */
  connections(): Promise<number>
  drop(): Promise<void>
}

/** The URL with `search_path` set to `schema`; connections also carry `application_name=<schema>`, so a test can find them. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url)
  u.searchParams.set('options', `-c search_path=${schema}`)
  u.searchParams.set('application_name', schema)
  return u.toString()
}

export async function createAuditSchema(prefix = 'e2e'): Promise<AuditSchema> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client(DATABASE_URL)
  await admin.connect()
  await admin.query(`create schema "${schema}"`)
  const url = withSearchPath(DATABASE_URL, schema)
  await migrateDatabase({ databaseUrl: url }, { table: `${schema}.audit_log` })
  const table = `"${schema}"."audit_log"`
  return {
    schema,
    url,
    admin,
    async countsById() {
      const { rows } = await admin.query<{ id: string; n: number }>(`select id::text as id, count(*)::int as n from ${table} group by id`)
      return new Map(rows.map((r) => [r.id, r.n]))
    },
    async connections() {
      const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1', [schema])
      return rows[0]?.n ?? 0
    },
    async rows() {
      const { rows } = await admin.query(`select id::text as id, action, user_id, metadata from ${table}`)
      return rows
    },
    async drop() {
      await admin.query(`drop schema if exists "${schema}" cascade`)
      await admin.end()
    },
  }
}
