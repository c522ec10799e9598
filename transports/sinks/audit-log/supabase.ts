/**
 * The Supabase back end: the real supabase-js client posting the batch to
 * PostgREST as one bulk upsert that ignores ids already present
 * (`POST /rest/v1/<table>?on_conflict=id`, `Prefer: resolution=ignore-duplicates`).
 * The client's own retries are off: retrying is the delivery layer's job.
 */
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js'
import { LinecastError } from '../../../core/errors.js'
import { parseTableName } from '../../../schema/sql/identifier.js'
import type { AuditBackend, InsertResult } from './backend.js'
import type { AuditRow } from './encode.js'
import { classifySqlState } from './pg-errors.js'

export interface SupabaseBackendOptions {
  supabaseUrl: string
  serviceRoleKey: string
  table: string
}

interface PostgrestFailure {
  message: string
  code?: string
}

const SQLSTATE = /^[0-9A-Z]{5}$/
/** PostgREST's codes for a table it does not know (schema cache) */
const MISSING_TABLE_CODES = new Set(['42P01', 'PGRST205', 'PGRST106', '3F000'])

export function classifyPostgrest(status: number, error: PostgrestFailure | null): InsertResult {
  if ((status >= 200 && status < 300) || status === 409) return { type: 'ok' }
  const code = error?.code ?? ''
  const reason = `PostgREST answered ${status === 0 ? 'nothing (network error)' : status}: ${error?.message ?? 'no message'}${code === '' ? '' : ` (${code})`}`
  if (status === 0 || status === 408 || status === 429 || status >= 500) return { type: 'retry', reason }
  if (status === 401 || status === 403) {
    return { type: 'refused', reason: `${reason}: check serviceRoleKey (the service_role key) and the table's grants`, loud: true }
  }
  if (MISSING_TABLE_CODES.has(code) || status === 404) return { type: 'missingTable', reason }
  if (status === 413) return { type: 'tooLarge', reason }
  if (SQLSTATE.test(code) && !code.startsWith('PGRST')) return classifySqlState(code, reason)
  if (code.startsWith('PGRST')) {
    return { type: 'refused', reason: `${reason}: the table does not match schema/sql/audit_log.sql`, loud: true }
  }
  return status === 400 ? { type: 'data', reason } : { type: 'refused', reason, loud: false }
}

/**
 * supabase-js builds its realtime client eagerly and, on Node 20, finds no
 * WebSocket to build it with. linecast never subscribes to anything, so the
 * transport it gets is one that refuses to be used.
 */
const noRealtime = function noRealtime(): never {
  throw new LinecastError('AUDIT_LOG_NO_REALTIME', 'the audit_log destination talks to Supabase through PostgREST only; realtime is not available')
} as unknown as WebSocketLikeConstructor

export function createSupabaseBackend(options: SupabaseBackendOptions): AuditBackend {
  const { schema, name } = parseTableName(options.table)
  const client = createClient(options.supabaseUrl, options.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: noRealtime },
    ...(schema === undefined ? {} : { db: { schema } }),
  })
  return {
    kind: 'supabase',
    table: options.table,
    async insert(rows: AuditRow[], signal: AbortSignal): Promise<InsertResult> {
      try {
        const { error, status } = await client
          .from(name)
          .upsert(rows, { onConflict: 'id', ignoreDuplicates: true })
          .abortSignal(signal)
          .retry(false)
        return classifyPostgrest(status, error)
      } catch (error) {
        return { type: 'retry', reason: `request to Supabase failed: ${error instanceof Error ? error.message : String(error)}` }
      }
    },
    async close() {
      await client.removeAllChannels()
    },
  }
}
