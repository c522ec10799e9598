import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { DEFAULT_PGLITE_DIR, DEFAULT_TABLE, migrateDatabase } from '../../transports/sinks/audit-log/index.js'
import { DEFAULT_CATALOG, loadForCommand } from '../catalog.js'
import { defineCommand } from '../command.js'
import type { Output } from '../output.js'
import { migratePlans } from './migrate-targets.js'

/** --catalog FILE must load; the default catalog is read when it is there. `null`: it did not load (already reported). */
function catalogFor(out: Output, cwd: string, file: string | undefined): CompiledCatalog | undefined | null {
  if (file === undefined && !existsSync(resolve(cwd, DEFAULT_CATALOG))) return undefined
  return loadForCommand(out, cwd, file ?? DEFAULT_CATALOG) ?? null
}

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'create the audit_log table of every audit_log destination (Postgres, or the embedded PGlite)',
  description:
    'Applies schema/sql/audit_log.sql once per audit_log destination of the catalog, in the database\n' +
    'and table its settings name (`${VAR}` templates expanded from the environment, as at run time);\n' +
    'running it again changes nothing. The flags override the catalog for every destination.\n' +
    `Without audit_log destinations: --database-url, else $DATABASE_URL, else the embedded PGlite in --data-dir (${DEFAULT_PGLITE_DIR}), table --table (${DEFAULT_TABLE}).\n` +
    "For Supabase, pass the project's Postgres connection string as --database-url.",
  options: {
    catalog: { type: 'string', valueName: 'FILE', description: `catalog whose audit_log destinations are migrated (default: ${DEFAULT_CATALOG} when present)` },
    'database-url': { type: 'string', valueName: 'URL', description: 'Postgres connection string, for every destination' },
    table: { type: 'string', valueName: 'NAME', description: 'table to create, `name` or `schema.name`, for every destination' },
    'data-dir': { type: 'string', valueName: 'DIR', description: 'PGlite data directory, for destinations without a database URL' },
  },
  async run({ values, out, cwd, env }) {
    const catalog = catalogFor(out, cwd, values.catalog)
    if (catalog === null) return 1
    const flags = {
      ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
      ...(values.table !== undefined ? { table: values.table } : {}),
      ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    }
    let failed = 0
    for (const plan of migratePlans(catalog, flags, env, cwd)) {
      const label = plan.destination === undefined ? '' : `${plan.destination}: `
      if ('reason' in plan) {
        out.error(`${label}cannot migrate: ${plan.reason}`)
        failed += 1
        continue
      }
      const result = await migrateDatabase(plan.target, { table: plan.table })
      out.line(`${label}${result.created ? `created table ${result.table} in ${plan.where}` : `table ${result.table} in ${plan.where} is up to date`}`)
    }
    return failed === 0 ? 0 : 1
  },
})
