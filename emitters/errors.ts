/**
 * Errors raised by the emitters. Each has a stable `code`; the README lists them.
 */
import { LinecastError } from '../core/errors.js'

/** One validation problem, as plain data (also written on `linecast.invalid_event` lines). */
export interface InvalidIssue {
  /** dotted property path, '' for the payload itself */
  path: string
  /** zod issue code, e.g. `invalid_type`, `unrecognized_keys` */
  code: string
  message: string
}

/**
 * A call to `log.emit` whose properties do not match the catalog (development
 * and test; production writes a `linecast.invalid_event` line instead).
 */
export class EventValidationError extends LinecastError {
  /** event name as called */
  readonly event: string
  /** dotted path of the first issue ('' when the payload itself is wrong) */
  readonly path: string
  /** the validator's issues (zod issues for catalog events) */
  readonly issues: readonly unknown[]

  constructor(
    fields: { event: string; path: string; issues: readonly unknown[]; message: string; cause?: unknown },
    code = 'LINECAST_INVALID_EVENT',
  ) {
    super(code, fields.message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.event = fields.event
    this.path = fields.path
    this.issues = fields.issues
  }
}

/** `log.emit('<name>', ...)` with a name the catalog does not declare. */
export class UnknownEventError extends EventValidationError {
  constructor(event: string, known: readonly string[]) {
    const hint = known.length > 0 ? ` Known events: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}.` : ''
    super(
      {
        event,
        path: '',
        issues: [],
        message: `Unknown event "${event}": it is not declared in the catalog. Add it to events.catalog.yaml and run \`linecast generate\`, or fix the name.${hint}`,
      },
      'LINECAST_UNKNOWN_EVENT',
    )
  }
}

/** The catalog hashes a PII property but no HMAC key is configured. */
export class PiiKeyMissingError extends LinecastError {
  constructor(variable: string, events: readonly string[]) {
    super(
      'LINECAST_PII_KEY_MISSING',
      `No PII hash key: event${events.length === 1 ? '' : 's'} ${events.join(', ')} hash${events.length === 1 ? 'es' : ''} properties (pii: hash) ` +
        `but ${variable} is not set. Set ${variable} to a long random secret (the same value in every service that must produce matching hashes), ` +
        'or pass `piiKey` to createLogger.',
    )
  }
}

/** createLogger was given options it cannot use. */
export class LoggerOptionsError extends LinecastError {
  constructor(message: string) {
    super('LINECAST_LOGGER_OPTIONS', message)
  }
}

/** `log.emit(name, props, options)` with options it cannot use (a level pino does not know). */
export class EmitOptionsError extends LinecastError {
  constructor(message: string) {
    super('LINECAST_EMIT_OPTIONS', message)
  }
}
