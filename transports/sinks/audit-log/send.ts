/**
 * Sends a batch of rows through any back end and turns what happened into
 * the delivery layer's Outcome. A data error never sinks a batch: the batch
 * is bisected until the refused rows are isolated, the rest is inserted, and
 * the outcome names only the culprits' indexes.
 */
import type { Outcome, SinkContext } from '../../worker/delivery/types.js'
import type { AuditBackend, InsertResult } from './backend.js'
import type { AuditRow } from './encode.js'
import { AuditLogTableMissingError } from './errors.js'

type Failure = Exclude<InsertResult, { type: 'ok' | 'data' }>
interface Culprit {
  index: number
  reason: string
}

/** Most culprit reasons quoted in one outcome; the count is always exact. */
const REASONS_QUOTED = 3

const TIMED_OUT: InsertResult = { type: 'retry', reason: 'timed out before the database answered' }

/** The insert, settled no later than `signal` aborts (the insert itself is idempotent, so a late commit is harmless). */
function insertBefore(backend: AuditBackend, rows: AuditRow[], signal: AbortSignal): Promise<InsertResult> {
  if (signal.aborted) return Promise.resolve(TIMED_OUT)
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(TIMED_OUT)
    signal.addEventListener('abort', onAbort, { once: true })
    const settled = backend
      .insert(rows, signal)
      .catch((error: unknown): InsertResult => ({ type: 'retry', reason: error instanceof Error ? error.message : String(error) }))
    void settled.then((result) => {
      signal.removeEventListener('abort', onAbort)
      resolve(result)
    })
  })
}

/**
 * `rows` (at `offset` in the batch) failed as a whole with a data error:
 * inserts the good rows, collects the bad ones. Returns a failure of another
 * kind (connection lost ...) when one interrupts the search.
 */
async function isolate(
  backend: AuditBackend,
  rows: AuditRow[],
  offset: number,
  reason: string,
  signal: AbortSignal,
  culprits: Culprit[],
): Promise<Failure | undefined> {
  if (rows.length === 1) {
    culprits.push({ index: offset, reason })
    return undefined
  }
  const mid = Math.ceil(rows.length / 2)
  const halves: Array<[AuditRow[], number]> = [
    [rows.slice(0, mid), offset],
    [rows.slice(mid), offset + mid],
  ]
  for (const [part, start] of halves) {
    const result = await insertBefore(backend, part, signal)
    if (result.type === 'ok') continue
    if (result.type !== 'data') return result
    const failure = await isolate(backend, part, start, result.reason, signal, culprits)
    if (failure !== undefined) return failure
  }
  return undefined
}

function rejectCulprits(culprits: Culprit[], batchSize: number, backend: AuditBackend): Outcome {
  const quoted = culprits
    .slice(0, REASONS_QUOTED)
    .map((c) => `row ${c.index}: ${c.reason}`)
    .join('; ')
  const more = culprits.length > REASONS_QUOTED ? `; and ${culprits.length - REASONS_QUOTED} more` : ''
  return {
    type: 'reject',
    reason: `${backend.kind} refused ${culprits.length} of ${batchSize} rows of ${backend.table}: ${quoted}${more}`,
    items: culprits.map((c) => c.index),
  }
}

export type AuditSender = (rows: AuditRow[], signal: AbortSignal) => Promise<Outcome>

/** One sender per sink: it remembers whether the missing table was already reported. */
export function createSender(backend: AuditBackend, report: SinkContext['report']): AuditSender {
  let missingReported = false

  const toOutcome = (failure: Failure): Outcome => {
    switch (failure.type) {
      case 'retry':
        return { type: 'retry', reason: failure.reason }
      case 'retryAfter':
        return { type: 'retryAfter', ms: failure.ms, reason: failure.reason }
      case 'tooLarge':
        return { type: 'split', reason: failure.reason }
      case 'refused':
        return { type: 'reject', reason: failure.reason, loud: failure.loud }
      case 'missingTable': {
        const error = new AuditLogTableMissingError(backend.table, backend.kind)
        if (!missingReported) {
          missingReported = true
          report('error', error.message, { code: error.code, table: backend.table, backend: backend.kind, cause: failure.reason })
        }
        return { type: 'retry', reason: error.message }
      }
    }
  }

  return async (rows, signal) => {
    if (rows.length === 0) return { type: 'ok' }
    const result = await insertBefore(backend, rows, signal)
    if (result.type === 'ok') {
      missingReported = false
      return result
    }
    if (result.type !== 'data') return toOutcome(result)
    const culprits: Culprit[] = []
    const failure = await isolate(backend, rows, 0, result.reason, signal, culprits)
    if (failure !== undefined) return toOutcome(failure)
    missingReported = false
    // every part went in when retried alone: the failure was not the rows' (a concurrent insert, say)
    if (culprits.length === 0) return { type: 'ok' }
    return rejectCulprits(culprits, rows.length, backend)
  }
}
