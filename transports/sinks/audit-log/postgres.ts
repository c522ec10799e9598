/**
 * The Postgres back end: a node-postgres Pool (it replaces a dropped
 * connection by itself) and the unnest INSERT ... ON CONFLICT (id) DO NOTHING.
 */
import { createHash } from 'node:crypto'
import pg from 'pg'
import { parseTableName } from '../../../schema/sql/identifier.js'
import type { AuditBackend, InsertResult } from './backend.js'
import type { AuditRow } from './encode.js'
import { classifyPgError } from './pg-errors.js'
import { insertParams, insertStatement } from './statement.js'

export interface PostgresBackendOptions {
  databaseUrl: string
  table: string
  /** `application_name` of the pool's connections */
  applicationName: string
  poolSize: number
  /** called when an idle connection fails (the pool drops it and opens another when needed) */
  onIdleError?: (error: Error) => void
}

export interface PostgresBackend extends AuditBackend {
  readonly pool: pg.Pool
}

export function createPostgresBackend(options: PostgresBackendOptions): PostgresBackend {
  const { quoted } = parseTableName(options.table)
  const sql = insertStatement(quoted)
  // a named statement is parsed and planned once per connection, then only bound and run
  const name = `linecast_audit_insert_${createHash('sha256').update(quoted).digest('hex').slice(0, 16)}`
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: options.applicationName,
    max: options.poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  })
  // An idle client killed by the server emits here; without a listener the process would crash.
  pool.on('error', (error) => options.onIdleError?.(error))
  let closed: Promise<void> | undefined
  return {
    kind: 'postgres',
    table: options.table,
    pool,
    async insert(rows: AuditRow[]): Promise<InsertResult> {
      try {
        await pool.query({ name, text: sql, values: insertParams(rows) })
        return { type: 'ok' }
      } catch (error) {
        return classifyPgError(error)
      }
    },
    close() {
      closed ??= pool.end()
      return closed
    },
  }
}
