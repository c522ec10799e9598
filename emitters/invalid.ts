/**
 * What happens to an event that does not match the catalog.
 *
 * Development and test: `EventValidationError` (thrown at the call site).
 * Production: never throw on the hot path; write one `linecast.invalid_event`
 * line at level error instead, so the violation reaches the error destinations
 * and nothing is lost:
 *
 *   {"level":"error",…,"eventId":"…","event":"linecast.invalid_event","kind":"error",
 *    …context, "invalidEvent":"logo_generated",
 *    "issues":[{"path":"duration_ms","code":"invalid_type","message":"…"}],
 *    "payload":{…the payload, PII-treated and redacted…},
 *    "msg":"Invalid event logo_generated: duration_ms: expected number, received string"}
 */
import { EventValidationError, type InvalidIssue, UnknownEventError } from './errors.js'
import { helperName } from '../schema/define.js'
import { maskString } from '../core/secrets.js'
import { unreadable } from '../core/redact.js'

export const INVALID_EVENT = 'linecast.invalid_event'

/** The shape of a validator issue linecast reads (zod's issues have it). */
export interface RawIssue {
  readonly code: string
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly keys?: readonly string[]
}

export function toInvalidIssues(raw: readonly RawIssue[]): InvalidIssue[] {
  return raw.map((i) => ({ path: issuePath(i), code: i.code, message: maskString(i.message) }))
}

/** Dotted path of an issue; for an unknown key, the path of that key. */
export function issuePath(issue: RawIssue): string {
  const segments = issue.path.map(String)
  if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) {
    segments.push(issue.keys[0] as string)
  }
  return segments.join('.')
}

/** One sentence saying what is wrong with the first issue and how to fix it. */
export function describeIssue(event: string, issue: RawIssue | undefined): string {
  const call = `log.emit.${helperName(event)}(…)`
  if (issue === undefined) return `Invalid event "${event}". Fix the call to ${call} so it matches the catalog.`
  const path = issuePath(issue)
  const where = path === '' ? 'the payload' : `property "${path}"`
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue.keys ?? []).map((k) => `"${k}"`).join(', ')
    const at = issue.path.length > 0 ? ` inside "${issue.path.map(String).join('.')}"` : ''
    return (
      `Invalid event "${event}": unknown propert${(issue.keys?.length ?? 0) > 1 ? 'ies' : 'y'} ${keys}${at} (not declared in the catalog). ` +
      `Remove ${(issue.keys?.length ?? 0) > 1 ? 'them' : 'it'} from the call to ${call}, or declare ${(issue.keys?.length ?? 0) > 1 ? 'them' : 'it'} in events.catalog.yaml and run \`linecast generate\`.`
    )
  }
  const detail = issue.message.replace(/^Invalid input: /, '')
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message) && path !== '') {
    return `Invalid event "${event}": missing required ${where} (${detail}). Pass it to ${call}, or mark it optional in events.catalog.yaml.`
  }
  return `Invalid event "${event}": ${where}: ${detail}. Fix the call to ${call} so it matches the catalog.`
}

export function validationError(event: string, issues: readonly RawIssue[]): EventValidationError {
  const first = issues[0]
  return new EventValidationError({
    event,
    path: first === undefined ? '' : issuePath(first),
    issues,
    message: describeIssue(event, first),
  })
}

/**
 * Reading the payload threw (a getter, a proxy trap): development surfaces it
 * as an EventValidationError naming the event, the caller's error kept as `cause`.
 */
export function unreadablePayloadError(event: string, cause: unknown): EventValidationError {
  const issue = { code: 'emit_failed', path: [] as PropertyKey[], message: unreadable(cause) }
  return new EventValidationError({
    event,
    path: '',
    issues: [issue],
    message:
      `Invalid event "${event}": reading the payload threw (${issue.message}). ` +
      `Pass plain data to log.emit.${helperName(event)}(…): no getters or proxies that can throw.`,
    cause,
  })
}

export function unknownEventError(event: string, known: readonly string[]): EventValidationError {
  return new UnknownEventError(event, known)
}

/** The fields (after eventId and context) and message of a production invalid-event line. */
export function invalidLine(
  event: string,
  issues: InvalidIssue[],
  payload: unknown,
): { fields: Record<string, unknown>; msg: string } {
  const first = issues[0]
  const what = first === undefined ? 'does not match the catalog' : `${first.path === '' ? '' : `${first.path}: `}${first.message}`
  return {
    fields: { invalidEvent: event, issues, payload },
    msg: `Invalid event ${event}: ${what}`,
  }
}

export function unknownEventIssues(event: string): InvalidIssue[] {
  return [{ path: '', code: 'unknown_event', message: `event "${event}" is not declared in the catalog` }]
}
