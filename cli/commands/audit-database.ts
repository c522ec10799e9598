/**
 * The audit_log database of `linecast report` and `linecast prune`:
 * --database-url, else $DATABASE_URL, else the embedded PGlite in --data-dir.
 */
import { resolve } from 'node:path'
import { LinecastError } from '../../core/errors.js'
import type { Queryable } from '../../schema/sql/queryable.js'
import { DEFAULT_PGLITE_DIR, DEFAULT_TABLE } from '../../transports/sinks/audit-log/config.js'
import { loadWithPeers } from '../../core/peer.js'
import type { OptionSpec } from '../command.js'

export class DatabaseConnectError extends LinecastError {
  constructor(cause: unknown) {
    super(
      'LINECAST_DATABASE_CONNECT',
      `cannot connect to the database: ${cause instanceof Error ? cause.message : String(cause)}; check --database-url (or $DATABASE_URL)`,
      { cause },
    )
  }
}

/** The options both commands share. */
export function databaseOptions(verb: string) {
  return {
    'database-url': { type: 'string', valueName: 'URL', description: 'Postgres connection string (default: $DATABASE_URL)' },
    table: { type: 'string', valueName: 'NAME', default: DEFAULT_TABLE, description: `table to ${verb}, \`name\` or \`schema.name\`` },
    'data-dir': {
      type: 'string',
      valueName: 'DIR',
      default: DEFAULT_PGLITE_DIR,
      description: 'PGlite data directory, used when no database URL is given',
    },
  } as const satisfies Record<string, OptionSpec>
}

export interface OpenDatabase {
  db: Queryable
  close(): Promise<void>
}

export async function openAuditDatabase(
  flags: { databaseUrl: string | undefined; dataDir: string },
  context: { cwd: string; env: NodeJS.ProcessEnv; applicationName: string },
): Promise<OpenDatabase> {
  const databaseUrl = flags.databaseUrl ?? (context.env['DATABASE_URL'] || undefined)
  if (databaseUrl !== undefined) {
    const { default: pg } = await loadWithPeers(() => import('pg'), ['pg'], `${context.applicationName} on Postgres`)
    const client = new pg.Client({ connectionString: databaseUrl, application_name: context.applicationName })
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => undefined)
      throw new DatabaseConnectError(error)
    }
    return { db: client, close: () => client.end() }
  }
  const { openPglite } = await loadWithPeers(
    () => import('../../transports/sinks/audit-log/pglite.js'),
    ['@electric-sql/pglite'],
    `${context.applicationName} on the embedded PGlite`,
  )
  const db = await openPglite(resolve(context.cwd, flags.dataDir))
  return { db, close: () => db.close() }
}
