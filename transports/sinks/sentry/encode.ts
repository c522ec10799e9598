/**
 * One routed line -> what Sentry gets:
 * - an error-kind event, or any line at error level or above except metrics
 *   (a 5xx `http_request` is a breadcrumb; its error arrives as its own event): an error event
 *   (exception values rebuilt from the serialized `err`, or the `msg` as the
 *   message when the line has no `err`);
 * - an alert line (`alert_triggered`, or any event name ending in `_detected`):
 *   a message at warning or error level with the figures as `extra`;
 * - anything else (warn lines): a breadcrumb kept for the next event, nothing sent;
 * - an error matching `ignoreErrors`: a skip marker, counted as delivered;
 * - a cron line (`cron_job_started` / `_completed` / `_failed`): a cron
 *   check-in (check-in.ts); a failed run also sends its error event.
 * The event id is the line's `eventId` without dashes, so a retried line is
 * the same Sentry event; the event is masked once more before it leaves, by
 * the emitters' redactor (secret keys at any depth, the catalog's `redact`
 * keys, secret-looking substrings of every string: messages, stacks, breadcrumbs).
 */
import { createHash } from 'node:crypto'
import type { Breadcrumb, Event, SeverityLevel } from '@sentry/node'
import { createRedactor, type Redactor } from '../../../core/redact.js'
import { LEVEL_VALUES, RESERVED_FIELDS, type CompiledCatalog, type Level } from '../../../schema/compiled.js'
import type { LogLine, SerializedError } from '../../worker/delivery/types.js'
import { BreadcrumbRing } from './breadcrumbs.js'
import { checkInFromLine, type SerializedCheckIn } from './check-in.js'
import type { SentryConfig } from './config.js'
import { errorExtras, exceptionValues } from './exception.js'

export type SentryItem =
  | { type: 'event'; event: Event }
  /** the line became a breadcrumb; nothing to send */
  | { type: 'breadcrumb' }
  /** the line matched `ignoreErrors`; never sent, counted as delivered */
  | { type: 'skip'; reason: string }
  /** a cron line: the check-in, and for a failed run the error event as well */
  | { type: 'check_in'; checkIn: SerializedCheckIn; event?: Event }

const USER_FIELDS = ['userId', 'email'] as const
const CONTEXT_FIELDS = ['tenantId', 'queue', 'attempt'] as const
/** Sentry keeps tag values up to 200 characters. */
const TAG_VALUE_MAX = 200

const SEVERITY: Readonly<Record<Level, SeverityLevel>> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warning',
  error: 'error',
  fatal: 'fatal',
}

export function isAlertLine(line: LogLine): boolean {
  return typeof line.event === 'string' && (line.event === 'alert_triggered' || line.event.endsWith('_detected'))
}

/** 32 lower-case hex chars: the UUID without dashes, or a stable digest of any other id. */
export function sentryEventId(eventId: string): string {
  const hex = eventId.replace(/-/g, '').toLowerCase()
  if (/^[0-9a-f]{32}$/.test(hex)) return hex
  return createHash('sha256').update(eventId).digest('hex').slice(0, 32)
}

function seconds(time: string): number {
  const ms = Date.parse(time)
  return (Number.isNaN(ms) ? Date.now() : ms) / 1000
}

function levelOf(line: LogLine): Level {
  return line.level in LEVEL_VALUES ? line.level : 'info'
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function properties(line: LogLine, consumed: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(line)) {
    if (!consumed.has(key) && value !== undefined) out[key] = value
  }
  return out
}

function matchIgnored(line: LogLine, patterns: readonly string[]): string | undefined {
  if (patterns.length === 0) return undefined
  const haystack: string[] = []
  let err: SerializedError | undefined = line.err
  for (let depth = 0; err && depth < 5; depth++) {
    for (const v of [err.message, err.code, err.type]) if (v !== undefined) haystack.push(String(v))
    err = err.cause !== null && typeof err.cause === 'object' ? (err.cause as SerializedError) : undefined
  }
  if (!line.err && typeof line.msg === 'string') haystack.push(line.msg)
  return patterns.find((p) => haystack.some((h) => h.includes(p)))
}

export class SentryEncoder {
  readonly #config: SentryConfig
  readonly #catalog: CompiledCatalog | undefined
  readonly #crumbs: BreadcrumbRing
  readonly #redactor: Redactor
  /** line fields sent as tags: the `tags` setting, else the catalog's context fields but the user's */
  readonly #tagFields: readonly string[]
  /** fields with a place of their own in the event (envelope, tags, user, contexts): not repeated in `extra` */
  readonly #consumed: ReadonlySet<string>

  constructor(config: SentryConfig, catalog?: CompiledCatalog) {
    this.#config = config
    this.#tagFields = config.tags ?? (catalog?.context ?? []).filter((field) => !(USER_FIELDS as readonly string[]).includes(field))
    this.#consumed = new Set<string>([...RESERVED_FIELDS, 'v', ...this.#tagFields, ...USER_FIELDS, ...CONTEXT_FIELDS])
    this.#catalog = catalog
    this.#crumbs = new BreadcrumbRing(config.maxBreadcrumbs)
    this.#redactor = createRedactor(catalog?.redact ?? [])
  }

  encode(line: LogLine): SentryItem {
    const checkIn = checkInFromLine(line, {
      environment: this.#environment(line),
      release: this.#config.resolvedRelease,
      normalizeId: sentryEventId,
    })
    if (checkIn !== undefined) {
      const item: SentryItem = { type: 'check_in', checkIn }
      if (this.#isError(line) && matchIgnored(line, this.#config.ignoreErrors) === undefined) {
        item.event = this.#finish(line, this.#error(line))
      }
      return item
    }
    if (isAlertLine(line)) return { type: 'event', event: this.#finish(line, this.#alert(line)) }
    if (this.#isError(line)) {
      const ignored = matchIgnored(line, this.#config.ignoreErrors)
      if (ignored !== undefined) return { type: 'skip', reason: `matches ignoreErrors entry "${ignored}"` }
      return { type: 'event', event: this.#finish(line, this.#error(line)) }
    }
    this.#crumbs.add(this.#breadcrumb(line))
    return { type: 'breadcrumb' }
  }

  #environment(line: LogLine): string | undefined {
    return this.#config.environment ?? text(line.env) ?? this.#config.defaultEnvironment
  }

  /**
   * Errors reach Sentry by one route: error-kind events and error-level lines.
   * A metric at error level (a 5xx `http_request`) is a breadcrumb: the error
   * behind it arrives as its own error event, so it is never counted twice.
   */
  #isError(line: LogLine): boolean {
    const kind = (line.event ? this.#catalog?.events[line.event]?.kind : undefined) ?? line.kind
    if (kind === 'error') return true
    if (kind === 'metric') return false
    return LEVEL_VALUES[levelOf(line)] >= LEVEL_VALUES.error
  }

  #error(line: LogLine): Event {
    const level = LEVEL_VALUES[levelOf(line)] >= LEVEL_VALUES.error ? SEVERITY[levelOf(line)] : 'error'
    if (line.err && typeof line.err === 'object') {
      const event: Event = { level, exception: { values: exceptionValues(line.err) } }
      if (typeof line.msg === 'string' && line.msg && line.msg !== line.err.message) event.message = line.msg
      return event
    }
    const event: Event = { level, message: text(line.msg) ?? line.event ?? 'error' }
    if (line.event) event.fingerprint = [line.event]
    return event
  }

  #alert(line: LogLine): Event {
    const level: SeverityLevel = LEVEL_VALUES[levelOf(line)] >= LEVEL_VALUES.error ? 'error' : 'warning'
    const rule = text(line.rule) ?? text(line.alert)
    return { level, message: text(line.msg) ?? line.event ?? 'alert', fingerprint: [line.event ?? 'alert', ...(rule ? [rule] : [])] }
  }

  #breadcrumb(line: LogLine): Breadcrumb {
    const crumb: Breadcrumb = {
      type: 'default',
      category: line.event ?? 'log',
      level: SEVERITY[levelOf(line)],
      timestamp: seconds(line.time),
    }
    const message = text(line.msg) ?? line.event
    if (message) crumb.message = message
    const data = properties(line, this.#consumed)
    for (const key of this.#tagFields) if (line[key] !== undefined) data[key] = line[key]
    if (Object.keys(data).length > 0) crumb.data = data
    return this.#redactor.redact(crumb) as Breadcrumb
  }

  #finish(line: LogLine, event: Event): Event {
    event.event_id = sentryEventId(line.eventId)
    event.timestamp = seconds(line.time)
    event.platform = 'node'
    event.logger = line.service ?? 'linecast'
    if (typeof line.hostname === 'string') event.server_name = line.hostname
    const environment = this.#environment(line)
    if (environment) event.environment = environment
    if (this.#config.resolvedRelease) event.release = this.#config.resolvedRelease

    const tags: Record<string, string> = {}
    for (const key of this.#tagFields) {
      const value = text(line[key])
      if (value !== undefined) tags[key] = value.slice(0, TAG_VALUE_MAX)
    }
    if (line.event) tags.event = line.event
    if (line.service) tags.service = line.service
    event.tags = tags

    const id = text(line.userId)
    const email = text(line.email)
    if (id || email) event.user = { ...(id ? { id } : {}), ...(email ? { email } : {}) }

    const contexts: NonNullable<Event['contexts']> = {}
    if (line.tenantId !== undefined) contexts.tenant = { id: line.tenantId }
    if (line.jobId !== undefined || line.queue !== undefined || line.attempt !== undefined) {
      const job: Record<string, unknown> = {}
      if (line.jobId !== undefined) job.id = line.jobId
      if (line.queue !== undefined) job.queue = line.queue
      if (line.attempt !== undefined) job.attempt = line.attempt
      contexts.job = job
    }
    if (Object.keys(contexts).length > 0) event.contexts = contexts

    const extra = properties(line, this.#consumed)
    extra.eventId = line.eventId
    if (line.kind) extra.kind = line.kind
    if (line.err && typeof line.err === 'object') {
      const fields = errorExtras(line.err)
      if (Object.keys(fields).length > 0) extra.err = fields
    }
    event.extra = extra

    const crumbs = this.#crumbs.snapshot()
    if (crumbs.length > 0) event.breadcrumbs = crumbs
    return this.#redactor.redact(event) as Event
  }
}
