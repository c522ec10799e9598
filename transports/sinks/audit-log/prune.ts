/**
 * Retention for the audit_log table: deletes the rows older than a window in
 * batches (`delete ... where id in (select id ... limit n)`), so a large
 * backlog never holds one long lock or one huge transaction. Each batch is
 * its own statement; stopping half way leaves a consistent, smaller table.
 */
import { LinecastError } from '../../../core/errors.js'
import { parseTableName } from '../../../schema/sql/identifier.js'
import type { Queryable } from '../../../schema/sql/queryable.js'
import { DEFAULT_TABLE } from './config.js'

export const DEFAULT_PRUNE_BATCH_SIZE = 5000
const MAX_PRUNE_BATCH_SIZE = 100_000

export class AuditLogPruneError extends LinecastError {
  constructor(problem: string, options?: { cause?: unknown }) {
    super('AUDIT_LOG_PRUNE', `audit_log prune: ${problem}`, options)
  }
}

export interface PruneOptions {
  /** rows with `created_at` more than this many milliseconds before now are deleted */
  olderThanMs: number
  /** rows deleted per statement, 1..100000; default 5000 */
  batchSize?: number
  /** `name` or `schema.name`; default audit_log */
  table?: string
  /** count what would be deleted, delete nothing */
  dryRun?: boolean
  /** clock; default Date.now */
  now?: () => number
  /** stops between batches; the rows already deleted stay deleted */
  signal?: AbortSignal
  /** called after each batch with the rows it deleted and the running total */
  onBatch?: (deleted: number, total: number) => void
}

export interface PruneResult {
  table: string
  /** rows created before this instant were (or, dry run, would be) deleted */
  cutoff: Date
  /** rows deleted; for a dry run, rows that would be deleted */
  deleted: number
  /** delete statements run (0 for a dry run) */
  batches: number
  dryRun: boolean
  /** true when `signal` stopped the run before the table was clean */
  stopped: boolean
}

function checkOptions(options: PruneOptions): { batchSize: number } {
  if (!Number.isFinite(options.olderThanMs) || options.olderThanMs <= 0) {
    throw new AuditLogPruneError(`the retention window must be a positive duration (e.g. 90d), not ${options.olderThanMs} ms`)
  }
  const batchSize = options.batchSize ?? DEFAULT_PRUNE_BATCH_SIZE
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_PRUNE_BATCH_SIZE) {
    throw new AuditLogPruneError(`the batch size must be an integer from 1 to ${MAX_PRUNE_BATCH_SIZE}, not ${batchSize}`)
  }
  return { batchSize }
}

function count(rows: unknown[]): number {
  const row = rows[0] as { n?: unknown } | undefined
  return row === undefined ? 0 : Number(row.n ?? 0)
}

/**
 * Deletes (or, `dryRun`, counts) the rows of the audit_log table older than
 * `olderThanMs`. `db` may be a pg Pool, Client or PGlite: every batch is one
 * statement, committed on its own.
 */
export async function pruneAuditLog(db: Queryable, options: PruneOptions): Promise<PruneResult> {
  const { batchSize } = checkOptions(options)
  const table = options.table ?? DEFAULT_TABLE
  let quoted: string
  try {
    quoted = parseTableName(table).quoted
  } catch (error) {
    throw new AuditLogPruneError((error as Error).message)
  }
  const cutoff = new Date((options.now ?? Date.now)() - options.olderThanMs)
  const at = cutoff.toISOString()
  const result: PruneResult = { table, cutoff, deleted: 0, batches: 0, dryRun: options.dryRun === true, stopped: false }
  try {
    if (result.dryRun) {
      const { rows } = await db.query(`select count(*)::int as n from ${quoted} where created_at < $1::timestamptz`, [at])
      result.deleted = count(rows)
      return result
    }
    const sql =
      `with gone as (delete from ${quoted} where id in ` +
      `(select id from ${quoted} where created_at < $1::timestamptz order by created_at limit $2) returning 1) ` +
      `select count(*)::int as n from gone`
    for (;;) {
      if (options.signal?.aborted === true) {
        result.stopped = true
        return result
      }
      const { rows } = await db.query(sql, [at, batchSize])
      const deleted = count(rows)
      result.batches += 1
      result.deleted += deleted
      options.onBatch?.(deleted, result.deleted)
      if (deleted < batchSize) return result
    }
  } catch (error) {
    if (error instanceof AuditLogPruneError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new AuditLogPruneError(
      `deleting from ${table} failed after ${result.deleted} rows: ${message}; check the database is reachable and the table exists (\`linecast migrate\`)`,
      { cause: error },
    )
  }
}
