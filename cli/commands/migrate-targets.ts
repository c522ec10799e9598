/**
 * Where `linecast migrate` creates tables: one target per audit_log destination
 * of the catalog, each with its own database and table as the destination's
 * settings say once `${VAR}` templates are expanded (as the running worker
 * would), the command's flags overriding them; without such destinations, the
 * flags alone (else $DATABASE_URL, else the embedded PGlite).
 */
import { resolve } from 'node:path'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { expandSettings } from '../../schema/env.js'
import { type AuditLogConfig, DEFAULT_PGLITE_DIR, DEFAULT_TABLE, type MigrateTarget, parseConfig } from '../../transports/sinks/audit-log/index.js'

export interface MigrateOverrides {
  databaseUrl?: string
  table?: string
  dataDir?: string
}

export type MigratePlan =
  | { destination?: string; target: MigrateTarget; table: string; where: string }
  /** this destination cannot be migrated by the command; `reason` says what to do */
  | { destination: string; reason: string }

/** The URL as it may be printed: the password replaced. */
export function displayUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return 'the given database URL'
  }
}

function postgres(databaseUrl: string, table: string, destination?: string): MigratePlan {
  return { ...(destination ? { destination } : {}), target: { databaseUrl, applicationName: 'linecast migrate' }, table, where: displayUrl(databaseUrl) }
}

function pglite(cwd: string, dataDir: string, table: string, destination?: string): MigratePlan {
  return { ...(destination ? { destination } : {}), target: { dataDir: resolve(cwd, dataDir) }, table, where: `PGlite at ${dataDir}` }
}

function planDestination(name: string, settings: Record<string, unknown>, flags: MigrateOverrides, env: NodeJS.ProcessEnv, cwd: string): MigratePlan {
  const { settings: expanded, missing } = expandSettings(settings, env)
  if (flags.databaseUrl !== undefined) return postgres(flags.databaseUrl, flags.table ?? String(expanded.table || DEFAULT_TABLE), name)
  if (missing.length > 0) {
    return { destination: name, reason: `its settings need ${missing.map((v) => `$${v}`).join(', ')}; set ${missing.length === 1 ? 'it' : 'them'} or pass --database-url` }
  }
  let config: AuditLogConfig
  try {
    config = parseConfig(name, expanded)
  } catch (error) {
    return { destination: name, reason: (error as Error).message }
  }
  const table = flags.table ?? config.table
  switch (config.backend) {
    case 'postgres':
      return postgres(config.databaseUrl, table, name)
    case 'pglite':
      return pglite(cwd, flags.dataDir ?? config.dataDir, table, name)
    case 'supabase':
      return { destination: name, reason: "Supabase's REST API cannot create tables: pass --database-url with the project's Postgres connection string" }
  }
}

export function migratePlans(catalog: CompiledCatalog | undefined, flags: MigrateOverrides, env: NodeJS.ProcessEnv, cwd: string): MigratePlan[] {
  const destinations = Object.entries(catalog?.destinations ?? {}).filter(([, spec]) => spec.kind === 'audit_log')
  if (destinations.length === 0) {
    const table = flags.table ?? DEFAULT_TABLE
    const databaseUrl = flags.databaseUrl ?? (env['DATABASE_URL'] || undefined)
    return [databaseUrl !== undefined ? postgres(databaseUrl, table) : pglite(cwd, flags.dataDir ?? DEFAULT_PGLITE_DIR, table)]
  }
  return destinations.map(([name, spec]) => planDestination(name, spec.settings, flags, env, cwd))
}
