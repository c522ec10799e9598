/**
 * The one interface the three back ends (Postgres, Supabase, PGlite) share:
 * insert a batch of rows and say what happened in the back end's own terms,
 * already sorted into the few cases `send.ts` acts on.
 */
import type { AuditRow } from './encode.js'

export type InsertResult =
  | { type: 'ok' }
  /** the rows' content was refused (bad value, constraint): isolate the culprits */
  | { type: 'data'; reason: string }
  /** transient: connection lost, server restarting, serialization failure */
  | { type: 'retry'; reason: string }
  | { type: 'retryAfter'; ms: number; reason: string }
  /** the table is not there (yet): retried, reported loudly once */
  | { type: 'missingTable'; reason: string }
  /** the request was too large: split the batch */
  | { type: 'tooLarge'; reason: string }
  /** refused for good, whatever the rows (credentials, permissions, a table that does not match) */
  | { type: 'refused'; reason: string; loud: boolean }

export type BackendKind = 'postgres' | 'supabase' | 'pglite'

export interface AuditBackend {
  readonly kind: BackendKind
  /** the table as configured, for messages */
  readonly table: string
  /** inserts `rows`, skipping ids already present; never throws */
  insert(rows: AuditRow[], signal: AbortSignal): Promise<InsertResult>
  close(): Promise<void>
}
