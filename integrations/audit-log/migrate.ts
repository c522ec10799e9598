/**
 * `migrateAuditLog`: creates the audit_log table (idempotent) in the database
 * a target names, Postgres by URL or the embedded PGlite by directory, the
 * same SQL `linecast migrate` applies.
 *
 *   await migrateAuditLog({ databaseUrl: process.env.DATABASE_URL })
 *   await migrateAuditLog({ dataDir: '.linecast/pglite' }, { table: 'audit_log' })
 */
import { migrateDatabase, type MigrateOptions, type MigrateResult, type MigrateTarget } from '../../transports/sinks/audit-log/migrate.js'

export type { MigrateOptions, MigrateResult, MigrateTarget } from '../../transports/sinks/audit-log/migrate.js'

export function migrateAuditLog(target: MigrateTarget, options: MigrateOptions = {}): Promise<MigrateResult> {
  return migrateDatabase(target, options)
}
