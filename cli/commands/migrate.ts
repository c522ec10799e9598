import { resolve } from 'node:path'
import { defineCommand } from '../command.js'
import { DEFAULT_PGLITE_DIR, DEFAULT_TABLE, migrateDatabase, type MigrateTarget } from '../../transports/sinks/audit-log/index.js'

/** The URL as it may be printed: the password replaced. */
function displayUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return 'the given database URL'
  }
}

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'create the audit_log table and its indexes (Postgres, or the embedded PGlite)',
  description:
    'Applies schema/sql/audit_log.sql; running it again changes nothing.\n' +
    'The database is --database-url, else $DATABASE_URL, else the embedded PGlite in --data-dir.\n' +
    'For Supabase, pass the project\'s Postgres connection string as --database-url.',
  options: {
    'database-url': { type: 'string', valueName: 'URL', description: 'Postgres connection string (default: $DATABASE_URL)' },
    table: { type: 'string', valueName: 'NAME', default: DEFAULT_TABLE, description: 'table to create, `name` or `schema.name`' },
    'data-dir': {
      type: 'string',
      valueName: 'DIR',
      default: DEFAULT_PGLITE_DIR,
      description: 'PGlite data directory, used when no database URL is given',
    },
  },
  async run({ values, out, cwd, env }) {
    const databaseUrl = values['database-url'] ?? (env['DATABASE_URL'] || undefined)
    const target: MigrateTarget =
      databaseUrl !== undefined ? { databaseUrl, applicationName: 'linecast migrate' } : { dataDir: resolve(cwd, values['data-dir']) }
    const where = 'databaseUrl' in target ? displayUrl(target.databaseUrl) : `PGlite at ${values['data-dir']}`
    const result = await migrateDatabase(target, { table: values.table })
    out.line(result.created ? `created table ${result.table} in ${where}` : `table ${result.table} in ${where} is up to date`)
    return 0
  },
})
