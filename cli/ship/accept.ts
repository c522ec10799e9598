/**
 * One NDJSON line from any runtime -> the line linecast delivers, held to the
 * rules `log.emit` applies:
 *
 * - a line with an `event` the catalog declares: its properties are validated
 *   with the event's schema (unknown properties refused), PII treated
 *   (`pii: hash | redact`) and secrets redacted; `kind`, `service` and the
 *   context fields are stamped; `msg` is rendered from the event's template.
 *   A line that already carries `eventId` and `kind` was written by a linecast
 *   logger: its PII is treated already and is not hashed twice.
 * - a line with an unknown event, properties that do not validate, or text
 *   that is not a JSON object becomes a `linecast.invalid_event` line at level
 *   error (payload PII-treated and redacted), as emit writes in production.
 * - a line without `event` is a plain log line: redacted, stamped, delivered.
 *
 * The producer's `eventId` (the idempotency key at every destination) and
 * `time` are kept; a line without them gets a new eventId and the time it was read.
 */
import { randomUUID } from 'node:crypto'
import { createRedactor, type Redactor } from '../../core/redact.js'
import { maskString } from '../../core/secrets.js'
import { levelOf } from '../../router/level.js'
import { RESERVED_FIELDS, type CompiledCatalog, type CompiledEvent, type Level } from '../../schema/compiled.js'
import { compileEventRedaction } from '../../emitters/event-redaction.js'
import { INVALID_EVENT, invalidLine, toInvalidIssues, unknownEventIssues, type RawIssue } from '../../emitters/invalid.js'
import type { InvalidIssue } from '../../emitters/errors.js'
import { compileMessage } from '../../emitters/message.js'
import { compilePii, createHasher, resolvePiiKey, type PiiApplier } from '../../emitters/pii.js'
import { eventSchemas, type EventSchemas } from './schemas.js'

export type Shipped = { valid: true; text: string } | { valid: false; text: string; reason: string }

export interface ShipperOptions {
  catalog: CompiledCatalog
  /** written as `env` on lines that carry none */
  environment: string
  /** where the catalog's piiKey template is expanded */
  vars: Readonly<Record<string, string | undefined>>
}

/** Levels other runtimes write (Python's logging, syslog names) -> pino's. */
const LEVEL_ALIASES: Readonly<Record<string, Level>> = { warning: 'warn', critical: 'fatal', err: 'error', notice: 'info', information: 'info' }

function lineLevel(value: unknown, fallback: Level): Level {
  if (value === undefined) return fallback
  if (typeof value === 'string') return LEVEL_ALIASES[value.toLowerCase()] ?? levelOf(value.toLowerCase())
  return levelOf(value)
}

function lineTime(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString()
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(Date.parse(value)).toISOString()
  return new Date().toISOString()
}

/** `runtime`: written by the browser collector and events.py (`browser`, `python`) and kept as is. */
const ENVELOPE: ReadonlySet<string> = new Set<string>([...RESERVED_FIELDS, 'traceId', 'spanId', 'runtime'])
/** What a plain line gets from `envelope` (and `msg`, masked apart). */
const STAMPED: ReadonlySet<string> = new Set(['level', 'time', 'service', 'env', 'eventId', 'msg'])

interface CompiledShipEvent {
  event: CompiledEvent
  schemas: EventSchemas
  pii: PiiApplier | undefined
  redact: ((fields: Record<string, unknown>) => void) | undefined
  render: ReturnType<typeof compileMessage>
}

export function compileShipper(options: ShipperOptions): (text: string) => Shipped {
  const { catalog, environment } = options
  const redactor: Redactor = createRedactor(catalog.redact)
  const hashingEvents = Object.values(catalog.events).filter((e) => e.pii.hash.length > 0).map((e) => e.name)
  const piiKey = resolvePiiKey({ explicit: undefined, template: catalog.piiKey, vars: options.vars, hashingEvents })
  const hasher = piiKey === undefined ? undefined : createHasher(piiKey)
  const schemas = eventSchemas(catalog)
  const events = new Map<string, CompiledShipEvent>()
  for (const [name, event] of Object.entries(catalog.events)) {
    events.set(name, {
      event,
      schemas: schemas.get(name) as EventSchemas,
      pii: compilePii(event.pii, hasher),
      redact: compileEventRedaction(event, redactor),
      render: compileMessage(event.message, name),
    })
  }
  const contextFields = catalog.context.filter((k) => !ENVELOPE.has(k))

  const envelope = (value: Record<string, unknown>, level: Level): Record<string, unknown> => ({
    level,
    time: lineTime(value.time),
    service: catalog.service,
    env: typeof value.env === 'string' && value.env !== '' ? value.env : environment,
    eventId: typeof value.eventId === 'string' && value.eventId !== '' ? value.eventId : randomUUID(),
  })

  const invalid = (name: string, issues: InvalidIssue[], payload: unknown, context: Record<string, unknown>, env: unknown): Shipped => {
    const { fields, msg } = invalidLine(name, issues, payload)
    const line = {
      level: 'error',
      time: new Date().toISOString(),
      service: catalog.service,
      env: typeof env === 'string' && env !== '' ? env : environment,
      eventId: randomUUID(),
      event: INVALID_EVENT,
      kind: 'error',
      ...context,
      ...fields,
      msg,
    }
    return { valid: false, text: JSON.stringify(line), reason: msg }
  }

  const contextOf = (value: Record<string, unknown>, event: CompiledEvent | undefined): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const key of contextFields) if (value[key] !== undefined && !(event !== undefined && key in event.properties)) out[key] = redactor.redact(value[key])
    return out
  }

  const shipEvent = (value: Record<string, unknown>, compiled: CompiledShipEvent): Shipped => {
    const { event } = compiled
    const context = contextOf(value, event)
    const props: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) if (!ENVELOPE.has(key) && !(key in context) && v !== undefined) props[key] = v
    const treated = typeof value.eventId === 'string' && typeof value.kind === 'string'
    const result = (treated ? compiled.schemas.treated : compiled.schemas.raw).safeParse(props)
    if (!result.success) {
      const payload = { ...props }
      if (!treated) compiled.pii?.(payload)
      return invalid(event.name, toInvalidIssues(result.error.issues as readonly RawIssue[]), redactor.redact(payload), context, value.env)
    }
    const fields = { ...result.data }
    if (!treated) compiled.pii?.(fields)
    compiled.redact?.(fields)
    const msg = treated && typeof value.msg === 'string' ? maskString(value.msg) : compiled.render(fields, context)
    const line: Record<string, unknown> = { ...envelope(value, lineLevel(value.level, event.level)), event: event.name, kind: event.kind }
    if (typeof value.runtime === 'string') line.runtime = value.runtime
    if (event.deprecated !== undefined) line.deprecated = true
    Object.assign(line, context, fields)
    if (typeof value.traceId === 'string') line.traceId = value.traceId
    if (typeof value.spanId === 'string') line.spanId = value.spanId
    line.msg = msg
    return { valid: true, text: JSON.stringify(line) }
  }

  const shipPlain = (value: Record<string, unknown>): Shipped => {
    const rest: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) if (!STAMPED.has(key)) rest[key] = v
    const line = { ...envelope(value, lineLevel(value.level, 'info')), ...(redactor.redact(rest) as Record<string, unknown>) }
    if (typeof value.msg === 'string') line.msg = maskString(value.msg)
    return { valid: true, text: JSON.stringify(line) }
  }

  return (text) => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return invalid('(not JSON)', [{ path: '', code: 'not_json', message: 'the line is not JSON' }], maskString(text.slice(0, 2000)), {}, undefined)
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return invalid('(not an object)', [{ path: '', code: 'not_object', message: 'the line is JSON but not an object' }], redactor.redact(value), {}, undefined)
    }
    const record = value as Record<string, unknown>
    if (record.event === undefined) return shipPlain(record)
    const name = String(record.event)
    const compiled = events.get(name)
    if (compiled === undefined) return invalid(name, unknownEventIssues(name), redactor.redact(record), contextOf(record, undefined), record.env)
    return shipEvent(record, compiled)
  }
}
