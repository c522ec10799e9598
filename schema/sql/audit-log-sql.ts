/**
 * The shipped `audit_log.sql`, rendered for a chosen table name. The .sql file
 * stays plain SQL a user can run with psql; this module only renames the
 * table and its indexes and splits the file into statements.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LinecastError } from '../../core/errors.js'
import { parseTableName, quoteIdentifier } from './identifier.js'

/** Where audit_log.sql sits: beside this module in the source tree, under the package root once built to dist/. */
const CANDIDATES = ['./audit_log.sql', '../../../schema/sql/audit_log.sql']

export class AuditSqlMissingError extends LinecastError {
  constructor(tried: string[]) {
    super(
      'SQL_FILE_MISSING',
      `schema/sql/audit_log.sql was not found (looked in ${tried.join(', ')}); reinstall linecast: the file ships with the package`,
    )
  }
}

let cached: string | undefined

/** The shipped SQL text, as written (table `audit_log`). */
export function auditLogSqlText(): string {
  if (cached !== undefined) return cached
  const tried: string[] = []
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url))
    tried.push(path)
    try {
      cached = readFileSync(path, 'utf8')
      return cached
    } catch {
      // try the next place
    }
  }
  throw new AuditSqlMissingError(tried)
}

/** Splits SQL without dollar quoting or semicolons in literals (true of audit_log.sql) into statements. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0)
}

/**
 * The statements that create the audit table named `table` (`name` or
 * `schema.name`) and its indexes; index names follow the table name.
 */
export function auditLogStatements(table = 'audit_log', sql = auditLogSqlText()): string[] {
  const target = parseTableName(table)
  const renamed = sql.replace(/\baudit_log(\w*)/g, (_match, suffix: string) =>
    suffix === '' ? target.quoted : quoteIdentifier(`${target.name}${suffix}`),
  )
  const statements = splitStatements(renamed)
  return target.schema === undefined
    ? statements
    : [`create schema if not exists ${quoteIdentifier(target.schema)}`, ...statements]
}
