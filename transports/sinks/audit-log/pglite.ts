/**
 * The embedded back end: PGlite (Postgres compiled to WebAssembly) keeping its
 * files under `dataDir` (default `.linecast/pglite`), or in memory with
 * `memory://`. No server to run: the default when no database is configured.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { parseTableName } from '../../../schema/sql/identifier.js'
import type { AuditBackend, InsertResult } from './backend.js'
import type { AuditRow } from './encode.js'
import { classifyPgError } from './pg-errors.js'
import { insertParams, insertStatement } from './statement.js'

export interface PgliteBackend extends AuditBackend {
  readonly db: PGlite
}

/** Opens (creating when needed) the PGlite database in `dataDir`. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true })
  return PGlite.create(dataDir)
}

/** Wraps an open PGlite; `ownsDb`: close it with the back end. */
export function createPgliteBackend(db: PGlite, table: string, ownsDb = true): PgliteBackend {
  const sql = insertStatement(parseTableName(table).quoted)
  let closed: Promise<void> | undefined
  return {
    kind: 'pglite',
    table,
    db,
    async insert(rows: AuditRow[]): Promise<InsertResult> {
      try {
        await db.query(sql, insertParams(rows))
        return { type: 'ok' }
      } catch (error) {
        return classifyPgError(error)
      }
    },
    close() {
      closed ??= ownsDb && !db.closed ? db.close() : Promise.resolve()
      return closed
    },
  }
}
