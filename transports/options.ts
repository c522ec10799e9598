/**
 * Options of the transport worker. Plain data only: they cross into pino's
 * worker thread by structured clone, so no functions and no class instances.
 */
import type { CompiledCatalog } from '../schema/compiled.js'
import type { AlertsSettings } from './worker/alerts/hook.js'
import type { RetryPolicy } from './worker/delivery/retry.js'

export interface WorkerOptions {
  /** compiled catalog JSON (`generated/catalog.json`) or a catalog YAML file; relative to the process cwd */
  catalogPath?: string
  /** the compiled catalog itself (wins over catalogPath) */
  catalog?: CompiledCatalog
  /** environment overrides for `${VAR}` expansion, on top of process.env */
  env?: Record<string, string>
  /** default `.linecast/spool`; one folder per destination below it */
  spoolDir?: string
  /** default `.linecast/dead-letter` */
  deadLetterDir?: string
  /** longest a line waits for its batch to fill (ms); default 1000 */
  flushIntervalMs?: number
  /** time a flush or shutdown may spend delivering before it spools the rest (ms); default 8000 */
  budgetMs?: number
  /** how often the `linecast.delivery_stats` line is written (ms); 0 turns it off; default 60000 */
  statsIntervalMs?: number
  /** only these destinations are on (default: every destination of the catalog) */
  destinations?: string[]
  /** lines held in memory per destination before the spool takes the overflow; default 10000 */
  queueCapacity?: number
  /** deadline of one send (ms); default 10000 */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** where linecast.* diagnostics go besides the main thread: the worker's stdout, routed like any line, both or neither; default 'both' */
  diagnostics?: 'stdout' | 'route' | 'both' | 'none'
  /** alert windows: Redis URL (default REDIS_URL, else per-process memory) and key prefix; `false` turns alerts off */
  alerts?: AlertsSettings | false
}

export const DEFAULTS = {
  spoolDir: '.linecast/spool',
  deadLetterDir: '.linecast/dead-letter',
  flushIntervalMs: 1000,
  budgetMs: 8000,
  statsIntervalMs: 60_000,
  queueCapacity: 10_000,
  timeoutMs: 10_000,
  batchMaxItems: 100,
  batchMaxBytes: 1_000_000,
} as const

/** The main thread spools its overflow here, as raw lines; the worker routes them when it ingests the segment. */
export const INCOMING_DIR = '_incoming'
