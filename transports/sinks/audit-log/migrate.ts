/**
 * Creates the audit_log table and its indexes (schema/sql/audit_log.sql) in
 * Postgres or PGlite. Idempotent, and safe when several processes migrate at
 * once: the statements run in one transaction under an advisory lock.
 */
import { auditLogStatements } from '../../../schema/sql/audit-log-sql.js'
import { parseTableName } from '../../../schema/sql/identifier.js'
import type { Queryable } from '../../../schema/sql/queryable.js'
import { DEFAULT_APPLICATION_NAME, DEFAULT_TABLE } from './config.js'
import { AuditLogMigrateError } from './errors.js'
import { loadWithPeers } from '../../../core/peer.js'

/** Advisory lock key that serialises concurrent linecast migrations ("lcmg"). */
const MIGRATE_LOCK = 0x6c636d67

export interface MigrateOptions {
  /** `name` or `schema.name`; default audit_log */
  table?: string
}

export interface MigrateResult {
  table: string
  /** false when the table was already there (its missing indexes are still added) */
  created: boolean
  /** statements applied */
  statements: number
}

export type MigrateTarget = { databaseUrl: string; applicationName?: string } | { dataDir: string }

function existsRow(rows: unknown[]): boolean {
  const row = rows[0] as { exists?: unknown } | undefined
  return row?.exists === true
}

/**
 * Applies the audit_log SQL through `db`, which must be one connection
 * (a pg Client or PoolClient, or PGlite), not a Pool: the transaction has to
 * stay on one connection.
 */
export async function migrate(db: Queryable, options: MigrateOptions = {}): Promise<MigrateResult> {
  const table = options.table ?? DEFAULT_TABLE
  const { quoted } = parseTableName(table)
  const statements = auditLogStatements(table)
  try {
    await db.query('begin')
    await db.query('select pg_advisory_xact_lock($1)', [MIGRATE_LOCK])
    const before = await db.query('select to_regclass($1) is not null as exists', [quoted])
    for (const statement of statements) await db.query(statement)
    await db.query('commit')
    return { table, created: !existsRow(before.rows), statements: statements.length }
  } catch (error) {
    await db.query('rollback').catch(() => undefined)
    throw new AuditLogMigrateError(table, error)
  }
}

/** Opens the database `target` names, migrates it, closes it. */
export async function migrateDatabase(target: MigrateTarget, options: MigrateOptions = {}): Promise<MigrateResult> {
  if ('databaseUrl' in target) {
    const { default: pg } = await loadWithPeers(() => import('pg'), ['pg'], 'audit_log on Postgres')
    const client = new pg.Client({
      connectionString: target.databaseUrl,
      application_name: target.applicationName ?? DEFAULT_APPLICATION_NAME,
    })
    try {
      await client.connect()
    } catch (error) {
      throw new AuditLogMigrateError(options.table ?? DEFAULT_TABLE, error)
    }
    try {
      return await migrate(client, options)
    } finally {
      await client.end()
    }
  }
  const { openPglite } = await loadWithPeers(() => import('./pglite.js'), ['@electric-sql/pglite'], 'audit_log on the embedded PGlite')
  const db = await openPglite(target.dataDir)
  try {
    return await migrate(db, options)
  } finally {
    await db.close()
  }
}
