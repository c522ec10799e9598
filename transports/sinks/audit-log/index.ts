/**
 * The audit_log destination: cost and audit events as rows of a Postgres,
 * Supabase or embedded PGlite table. Wiring only: config, encoder, back end
 * and sender live in their own files.
 */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import type { AuditBackend } from './backend.js'
import { type AuditLogConfig, auditLogLimits, parseConfig } from './config.js'
import { type AuditRow, createEncoder } from './encode.js'
import { migrate } from './migrate.js'
import { createSender } from './send.js'
import { loadWithPeers } from '../../../core/peer.js'

export type { AuditRow } from './encode.js'
export type { AuditLogConfig, PgliteConfig, PostgresConfig, SupabaseConfig } from './config.js'
export { auditLogLimits, DEFAULT_PGLITE_DIR, DEFAULT_POOL_SIZE, DEFAULT_TABLE, parseConfig } from './config.js'
export { migrate, migrateDatabase, type MigrateOptions, type MigrateResult, type MigrateTarget } from './migrate.js'
export {
  AuditLogConfigError,
  AuditLogLineError,
  AuditLogMigrateError,
  AuditLogMisroutedError,
  AuditLogTableMissingError,
} from './errors.js'

async function openBackend(name: string, config: AuditLogConfig, ctx: SinkContext): Promise<AuditBackend> {
  switch (config.backend) {
    case 'supabase': {
      const { createSupabaseBackend } = await loadWithPeers(() => import('./supabase.js'), ['@supabase/supabase-js'], `the audit_log destination "${name}" (Supabase)`)
      return createSupabaseBackend(config)
    }
    case 'pglite': {
      const { createPgliteBackend, openPglite } = await loadWithPeers(() => import('./pglite.js'), ['@electric-sql/pglite'], `the audit_log destination "${name}" (embedded PGlite)`)
      const db = await openPglite(config.dataDir)
      if (config.autoMigrate) await migrate(db, { table: config.table })
      return createPgliteBackend(db, config.table)
    }
    case 'postgres': {
      const { createPostgresBackend } = await loadWithPeers(() => import('./postgres.js'), ['pg'], `the audit_log destination "${name}" (Postgres)`)
      const backend = createPostgresBackend({
        ...config,
        onIdleError: (error) => ctx.report('warn', `audit_log "${name}": an idle Postgres connection failed`, { error: error.message }),
      })
      if (config.autoMigrate) {
        // A database that is down now is not fatal: sends retry, and a missing table is reported then.
        try {
          const client = await backend.pool.connect()
          try {
            await migrate(client, { table: config.table })
          } finally {
            client.release()
          }
        } catch (error) {
          ctx.report('warn', `audit_log "${name}": could not create table ${config.table} at start`, {
            error: error instanceof Error ? error.message : String(error),
          })
        }
      }
      return backend
    }
  }
}

/** The audit_log sink for destination `name`; opens its database (and migrates PGlite) before resolving. */
export async function createSink(name: string, ctx: SinkContext): Promise<Sink<AuditRow>> {
  const config = parseConfig(name, ctx.settings)
  const encode = createEncoder(ctx.catalog)
  const backend = await openBackend(name, config, ctx)
  const send = createSender(backend, ctx.report)
  return {
    name,
    limits: auditLogLimits(config),
    encode,
    send,
    close: () => backend.close(),
  }
}
