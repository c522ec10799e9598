/**
 * Sorts an error thrown by node-postgres or PGlite (both carry the server's
 * SQLSTATE in `code`) into the cases the sender acts on.
 */
import type { InsertResult } from './backend.js'

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
/** SQLSTATEs that say "try again", outside the connection-exception class 08 and resource class 53. */
const TRANSIENT_STATES = new Set(['57P01', '57P02', '57P03', '57014', '40001', '40P01', '55P03', '25P03', '58000', '58030', 'XX000'])
const MISSING_TABLE_STATES = new Set(['42P01', '3F000'])

function describe(error: unknown): { code: string | undefined; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { code: typeof code === 'string' ? code : undefined, message: error.message }
  }
  return { code: undefined, message: String(error) }
}

export function classifyPgError(error: unknown): Exclude<InsertResult, { type: 'ok' }> {
  const { code, message } = describe(error)
  if (code === undefined || !/^[0-9A-Z]{5}$/.test(code) || NETWORK_CODES.has(code)) {
    // no SQLSTATE: a network error or "Connection terminated unexpectedly"
    return { type: 'retry', reason: `${message}${code === undefined ? '' : ` (${code})`}` }
  }
  return classifySqlState(code, message)
}

/** Sorts a SQLSTATE (from a driver, or from PostgREST's error body) with its message. */
export function classifySqlState(code: string, message: string): Exclude<InsertResult, { type: 'ok' }> {
  const reason = `${message} (SQLSTATE ${code})`
  const cls = code.slice(0, 2)
  if (cls === '08' || cls === '53' || TRANSIENT_STATES.has(code)) return { type: 'retry', reason }
  if (MISSING_TABLE_STATES.has(code)) return { type: 'missingTable', reason }
  if (cls === '22' || cls === '23') return { type: 'data', reason }
  if (cls === '28' || code === '42501') return { type: 'refused', reason: `${reason}: check the user and its grants on the table`, loud: true }
  if (cls === '42') {
    return { type: 'refused', reason: `${reason}: the table does not match schema/sql/audit_log.sql`, loud: true }
  }
  return { type: 'retry', reason }
}
