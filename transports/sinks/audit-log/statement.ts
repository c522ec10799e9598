/**
 * The one INSERT both SQL back ends (pg, PGlite) run: one array parameter per
 * column, unnested server-side, so a batch of any size is eight parameters
 * and one round trip; duplicates of an existing id are skipped.
 */
import type { AuditRow } from './encode.js'

export const COLUMNS = ['id', 'created_at', 'user_id', 'action', 'resource_type', 'resource_id', 'request_id', 'metadata'] as const

/** `quotedTable` comes from parseTableName(...).quoted. */
export function insertStatement(quotedTable: string): string {
  return (
    `insert into ${quotedTable} (${COLUMNS.join(', ')}) ` +
    'select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) ' +
    'on conflict (id) do nothing'
  )
}

export function insertParams(rows: readonly AuditRow[]): unknown[] {
  const columns: unknown[][] = COLUMNS.map(() => new Array<unknown>(rows.length))
  rows.forEach((row, i) => {
    const values = [row.id, row.created_at, row.user_id, row.action, row.resource_type, row.resource_id, row.request_id, JSON.stringify(row.metadata)]
    values.forEach((value, c) => {
      ;(columns[c] as unknown[])[i] = value
    })
  })
  return columns
}
