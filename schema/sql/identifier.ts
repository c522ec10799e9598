/**
 * SQL identifiers that come from settings (the audit_log table name) are
 * validated and quoted, never interpolated raw.
 */
import { LinecastError } from '../../core/errors.js'

/** Longest table name accepted: leaves room for the `_action_created_at_idx` index suffixes within Postgres' 63 bytes. */
export const MAX_TABLE_NAME_LENGTH = 40

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

export class InvalidTableNameError extends LinecastError {
  constructor(readonly table: string) {
    super(
      'SQL_INVALID_TABLE_NAME',
      `"${table}" is not a usable table name: use letters, digits and underscores, start with a letter or underscore, ` +
        `at most ${MAX_TABLE_NAME_LENGTH} characters, optionally prefixed by a schema ("audit.audit_log")`,
    )
  }
}

export interface TableName {
  /** schema, when the name was qualified */
  schema?: string
  /** unqualified table name */
  name: string
  /** the quoted, safe-to-interpolate form: `"audit"."audit_log"` */
  quoted: string
}

export function quoteIdentifier(identifier: string): string {
  return `"${identifier}"`
}

/** Validates `table` or `schema.table` and returns its quoted form; throws InvalidTableNameError. */
export function parseTableName(table: string): TableName {
  const parts = table.split('.')
  const valid =
    parts.length <= 2 && parts.every((p) => IDENTIFIER.test(p) && p.length <= MAX_TABLE_NAME_LENGTH)
  if (!valid) throw new InvalidTableNameError(table)
  const name = parts[parts.length - 1] as string
  const schema = parts.length === 2 ? parts[0] : undefined
  const quoted = parts.map(quoteIdentifier).join('.')
  return schema === undefined ? { name, quoted } : { schema, name, quoted }
}
