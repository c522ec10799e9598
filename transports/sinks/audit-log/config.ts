/**
 * What a user writes for an audit_log destination, validated once. Three back
 * ends: Postgres (`databaseUrl`), Supabase (`supabaseUrl` + `serviceRoleKey`)
 * or, with neither, embedded PGlite under `dataDir`.
 */
import { z } from 'zod'
import { parseTableName } from '../../../schema/sql/identifier.js'
import type { SinkLimits } from '../../worker/delivery/types.js'
import { AuditLogConfigError } from './errors.js'

export const DEFAULT_TABLE = 'audit_log'
export const DEFAULT_PGLITE_DIR = '.linecast/pglite'
export const DEFAULT_APPLICATION_NAME = 'linecast'
/** connections of the Postgres pool, one per insert in flight: measured with bench/sinks.ts (2 beat 1; 4 and 8 add nothing on a 2-core host) */
export const DEFAULT_POOL_SIZE = 2
/** rows per insert (one unnest insert of eight array parameters, whatever the row count) */
export const SQL_MAX_ROWS = 1000
/** a line whose metadata is larger than this is cut or dead-lettered by the delivery layer: jsonb takes far more, but such a row is a mistake */
export const MAX_LINE_BYTES = 16 * 1024 * 1024

interface Common {
  /** validated `name` or `schema.name` */
  table: string
}
export interface PostgresConfig extends Common {
  backend: 'postgres'
  databaseUrl: string
  autoMigrate: boolean
  /** Postgres `application_name` of the sink's connections */
  applicationName: string
  poolSize: number
}
export interface SupabaseConfig extends Common {
  backend: 'supabase'
  supabaseUrl: string
  serviceRoleKey: string
}
export interface PgliteConfig extends Common {
  backend: 'pglite'
  /** a directory, or `memory://` */
  dataDir: string
  autoMigrate: boolean
}
export type AuditLogConfig = PostgresConfig | SupabaseConfig | PgliteConfig

/** `${VAR}` expansion of an unset variable leaves '': treat it as not set. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
const flag = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
  .optional()

const settingsSchema = z.object({
  databaseUrl: optionalText,
  supabaseUrl: optionalText,
  serviceRoleKey: optionalText,
  dataDir: optionalText,
  table: optionalText,
  autoMigrate: flag,
  applicationName: optionalText,
  poolSize: z.coerce.number().int().min(1).max(100).optional(),
})

export function parseConfig(destination: string, settings: Record<string, unknown>): AuditLogConfig {
  const parsed = settingsSchema.safeParse(settings)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AuditLogConfigError(destination, `setting "${issue?.path.join('.') ?? '?'}": ${issue?.message ?? 'invalid'}`)
  }
  const s = parsed.data
  const table = s.table ?? DEFAULT_TABLE
  try {
    parseTableName(table)
  } catch (error) {
    throw new AuditLogConfigError(destination, `table: ${(error as Error).message}`)
  }
  if (s.databaseUrl !== undefined && s.supabaseUrl !== undefined) {
    throw new AuditLogConfigError(destination, 'set either databaseUrl (Postgres) or supabaseUrl (Supabase), not both')
  }
  if (s.databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(s.databaseUrl)) {
      throw new AuditLogConfigError(destination, 'databaseUrl must be a postgres:// or postgresql:// URL')
    }
    return {
      backend: 'postgres',
      databaseUrl: s.databaseUrl,
      table,
      autoMigrate: s.autoMigrate ?? false,
      applicationName: s.applicationName ?? DEFAULT_APPLICATION_NAME,
      poolSize: s.poolSize ?? DEFAULT_POOL_SIZE,
    }
  }
  if (s.supabaseUrl !== undefined) {
    if (!/^https?:\/\//.test(s.supabaseUrl)) {
      throw new AuditLogConfigError(destination, 'supabaseUrl must be the project URL, https://<project>.supabase.co')
    }
    if (s.serviceRoleKey === undefined) {
      throw new AuditLogConfigError(destination, 'supabaseUrl needs serviceRoleKey (the service_role key, usually ${SUPABASE_SERVICE_ROLE_KEY})')
    }
    if (s.autoMigrate === true) {
      throw new AuditLogConfigError(
        destination,
        'autoMigrate is not available over Supabase\'s REST API: run `linecast migrate --database-url <the project\'s Postgres URL>` once instead',
      )
    }
    return { backend: 'supabase', supabaseUrl: s.supabaseUrl, serviceRoleKey: s.serviceRoleKey, table }
  }
  return { backend: 'pglite', dataDir: s.dataDir ?? DEFAULT_PGLITE_DIR, table, autoMigrate: s.autoMigrate ?? true }
}

/** What each back end takes per send and at once. */
export function auditLogLimits(config: AuditLogConfig): SinkLimits {
  switch (config.backend) {
    case 'postgres':
      return { maxItems: SQL_MAX_ROWS, maxLineBytes: MAX_LINE_BYTES, maxInFlight: config.poolSize }
    case 'pglite':
      // one embedded database, one connection: inserts go one at a time
      return { maxItems: SQL_MAX_ROWS, maxLineBytes: MAX_LINE_BYTES, maxInFlight: 1 }
    case 'supabase':
      // PostgREST: 500 rows and 2 MB per request keep well under its request limits
      return { maxItems: 500, maxBytes: 2_000_000, maxLineBytes: 1_900_000, maxInFlight: 2 }
  }
}
