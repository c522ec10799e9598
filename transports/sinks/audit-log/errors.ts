/** Errors of the audit_log destination; each code is listed in README.md (a test checks it). */
import { LinecastError } from '../../../core/errors.js'

export class AuditLogConfigError extends LinecastError {
  constructor(destination: string, problem: string) {
    super('AUDIT_LOG_CONFIG', `destination "${destination}" (audit_log): ${problem}`)
  }
}

/** A line that is not a cost or audit event (nor has an `audit:` mapping) reached the audit_log sink: the routing is wrong. */
export class AuditLogMisroutedError extends LinecastError {
  constructor(event: string | undefined, kind: string | undefined) {
    super(
      'AUDIT_LOG_MISROUTED',
      `line ${event === undefined ? 'without an event name' : `"${event}"`} (kind ${kind ?? 'unknown'}) reached an audit_log destination: ` +
        'only cost and audit events, and events with an `audit:` mapping, are written there; ' +
        'give the event an `audit:` mapping, or remove the audit_log destination from this event or its level route',
    )
  }
}

/** A line that cannot become a row (no usable time or eventId). */
export class AuditLogLineError extends LinecastError {
  constructor(problem: string) {
    super('AUDIT_LOG_BAD_LINE', `cannot write this line to audit_log: ${problem}`)
  }
}

/** The table does not exist: reported once, the batch is retried. */
export class AuditLogTableMissingError extends LinecastError {
  constructor(table: string, backend: string) {
    super(
      'AUDIT_LOG_TABLE_MISSING',
      `table ${table} does not exist in the ${backend} database: run \`linecast migrate --table ${table}\` ` +
        '(with --database-url for Postgres), or set `autoMigrate: true` on the destination; lines are kept and retried meanwhile',
    )
  }
}

export class AuditLogMigrateError extends LinecastError {
  constructor(table: string, cause: unknown) {
    super(
      'AUDIT_LOG_MIGRATE',
      `could not create table ${table}: ${cause instanceof Error ? cause.message : String(cause)}; ` +
        'check the database URL and that the user may create tables, or apply schema/sql/audit_log.sql by hand',
      { cause },
    )
  }
}
