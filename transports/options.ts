/**
 * Options of the transport worker. Plain data only: they cross into pino's
 * worker thread by structured clone, so no functions and no class instances.
 * The delivery chain's defaults live in `worker/delivery/defaults.ts`.
 */
import type { CompiledCatalog } from '../schema/compiled.js'
import type { AlertsSettings } from './worker/alerts/hook.js'
import type { WhenFull } from './worker/delivery/defaults.js'
import type { RetryPolicy } from './worker/delivery/retry.js'

export interface WorkerOptions {
  /** compiled catalog JSON (`generated/catalog.json`) or a catalog YAML file; relative to the process cwd */
  catalogPath?: string
  /** the compiled catalog itself (wins over catalogPath) */
  catalog?: CompiledCatalog
  /** environment overrides for `${VAR}` expansion, on top of process.env */
  env?: Record<string, string>
  /** the deployment environment named on every linecast.* line (default NODE_ENV, else 'production') */
  environment?: string
  /** default `.linecast/spool`; one folder per destination below it */
  spoolDir?: string
  /** default `.linecast/dead-letter` */
  deadLetterDir?: string
  /** longest a line waits for its batch to fill (ms); default 100 */
  flushIntervalMs?: number
  /** the whole time a flush, or a shutdown (close, SIGTERM -> exit), may take before the rest is spooled (ms); default 8000 */
  budgetMs?: number
  /** how often the `linecast.delivery_stats` line is written (ms); 0 turns it off; default 60000 */
  statsIntervalMs?: number
  /** only these destinations are on (default: every destination of the catalog) */
  destinations?: string[]
  /** sends of one destination under way at once (at most the sink's own maxInFlight); default 4 */
  maxInFlight?: number
  /** a line not delivered within this window while its destination takes nothing reaches the spool (ms); default 1000 */
  spoolAfterMs?: number
  /** bytes of line text one destination holds in memory (parsed, about 4x that in the heap); default 8 MiB */
  queueMaxBytes?: number
  /** bytes one destination's spool may hold; default 256 MiB */
  spoolMaxBytes?: number
  /** what a full spool does: drop_oldest (default), drop_newest, block (hold up to blockMs, then drop the newest) */
  whenFull?: WhenFull
  /** longest `whenFull: block` waits for spool room (ms); default 1000 */
  blockMs?: number
  /** deadline of one send (ms); default 10000 */
  timeoutMs?: number
  /** a destination that took nothing for this long is reported unreachable (ms); default 3000 */
  unreachableAfterMs?: number
  retry?: Partial<RetryPolicy>
  /** where linecast.* diagnostics go besides the main thread: the worker's stdout, routed like any line, both or neither; default 'both' */
  diagnostics?: 'stdout' | 'route' | 'both' | 'none'
  /**
   * the worker writes every line it reads to stdout, a block at a time, before
   * routing it: the local copy for a log agent costs the application's thread
   * no write per line (createLogger sets it when stdout is its output)
   */
  copyToStdout?: boolean
  /** alert windows: Redis URL (default REDIS_URL, else per-process memory) and key prefix; `false` turns alerts off */
  alerts?: AlertsSettings | false
}

export const DEFAULTS = {
  spoolDir: '.linecast/spool',
  deadLetterDir: '.linecast/dead-letter',
  budgetMs: 8000,
  statsIntervalMs: 60_000,
} as const

/** The main thread spools its overflow here, as raw lines; the worker routes them when it ingests the segment. */
export const INCOMING_DIR = '_incoming'
