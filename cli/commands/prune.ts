import { InvalidDurationError, parseDuration } from '../../schema/duration.js'
import { DEFAULT_PRUNE_BATCH_SIZE, pruneAuditLog } from '../../transports/sinks/audit-log/prune.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'
import { databaseOptions, openAuditDatabase } from './audit-database.js'

function batchSizeOf(text: string): number {
  const size = Number(text)
  if (!/^\d+$/.test(text) || size < 1) throw new UsageError(`--batch-size ${text} is not a positive integer`, 'prune')
  return size
}

function windowOf(text: string): number {
  try {
    return parseDuration(text)
  } catch (error) {
    if (error instanceof InvalidDurationError) throw new UsageError(`--older-than: ${error.message}`, 'prune')
    throw error
  }
}

export const pruneCommand = defineCommand({
  name: 'prune',
  summary: 'delete audit_log rows older than a retention window, in batches',
  description:
    'Deletes the rows whose created_at is older than --older-than, --batch-size rows per statement, so a\n' +
    'large backlog never holds a long lock. --dry-run counts what would go and deletes nothing.\n' +
    'The database is --database-url, else $DATABASE_URL, else the embedded PGlite in --data-dir.',
  options: {
    'older-than': { type: 'string', valueName: 'DURATION', description: 'retention window, e.g. 90d, 12w (required)' },
    'batch-size': {
      type: 'string',
      valueName: 'N',
      default: String(DEFAULT_PRUNE_BATCH_SIZE),
      description: 'rows deleted per statement',
    },
    'dry-run': { type: 'boolean', description: 'count the rows that would be deleted, delete nothing' },
    ...databaseOptions('prune'),
  },
  async run({ values, out, cwd, env, signal }) {
    const olderThan = values['older-than']
    if (olderThan === undefined) throw new UsageError('--older-than is required, e.g. --older-than 90d', 'prune')
    const olderThanMs = windowOf(olderThan)
    const batchSize = batchSizeOf(values['batch-size'])
    const { db, close } = await openAuditDatabase(
      { databaseUrl: values['database-url'], dataDir: values['data-dir'] },
      { cwd, env, applicationName: 'linecast prune' },
    )
    try {
      const result = await pruneAuditLog(db, {
        olderThanMs,
        batchSize,
        table: values.table,
        dryRun: values['dry-run'] === true,
        signal,
        onBatch: (deleted, total) => out.note(`batch: deleted ${deleted} rows (${total} so far)`),
      })
      const cutoff = result.cutoff.toISOString()
      if (result.dryRun) {
        out.line(`dry run: ${result.deleted} rows of ${result.table} are older than ${olderThan} (created before ${cutoff}); nothing deleted`)
      } else {
        const batches = `${result.batches} batch${result.batches === 1 ? '' : 'es'}`
        out.line(`deleted ${result.deleted} rows of ${result.table} older than ${olderThan} (created before ${cutoff}) in ${batches}`)
        if (result.stopped) out.warn('stopped before the end: run the command again to delete the rest')
      }
      return result.stopped ? 1 : 0
    } finally {
      await close()
    }
  },
})
