/**
 * Compiles the catalog, once per `createLogger`, into one writer closure per
 * event. The per-call path is: level check -> validate (zod) -> stamp eventId,
 * event, kind and context -> copy properties -> PII -> redaction -> render
 * message -> write. Everything that does not depend on the call (schema, PII
 * plan, redaction plan, template, level value) is resolved here.
 */
import { randomUUID } from 'node:crypto'
import type { ZodType } from 'zod'
import { LEVEL_VALUES, type CompiledCatalog, type CompiledEvent, type Level } from '../schema/compiled.js'
import { currentContext } from './context.js'
import { EmitOptionsError, LoggerOptionsError } from './errors.js'
import { compileEventRedaction } from './event-redaction.js'
import {
  INVALID_EVENT,
  invalidLine,
  type RawIssue,
  toInvalidIssues,
  unknownEventError,
  unknownEventIssues,
  unreadablePayloadError,
  validationError,
} from './invalid.js'
import { compileMessage } from './message.js'
import { compilePii, type Hasher, type PiiApplier } from './pii.js'
import type { Redactor } from '../core/redact.js'
import type { Stamp } from './stamp.js'
import { compileEventSerializer } from './serialize.js'
import { traceJson, type ActiveTrace } from './trace.js'
import { fastStream, type Writable, writeFast, writeLine } from './write.js'

export interface EmitDeps {
  readonly redactor: Redactor
  readonly hasher: Hasher | undefined
  readonly stamp: Stamp
  /** development/test: throw EventValidationError; production: write an invalid-event line */
  readonly throwOnInvalid: boolean
  /** the catalog's context fields (empty: every context field) */
  readonly contextFields: readonly string[]
  /** false: always write through pino's own writer (see write.ts) */
  readonly fast: boolean
  /** characters of one value the message template interpolates (limits.ts) */
  readonly maxMessageValue?: number
  /** the active span's ids, when @opentelemetry/api is installed (trace.ts); absent: no trace stamp */
  readonly trace?: ActiveTrace | undefined
}

/**
 * Per-call options of `log.emit`: `level` writes this line at another level
 * than the event's (the logger's threshold still applies); `err` is written
 * as the line's `err` field through the logger's err serializer (redacted).
 */
export interface EmitCallOptions {
  readonly level?: Level | undefined
  readonly err?: unknown
}

export type EventWriter = (logger: Writable, props: unknown, options?: EmitCallOptions) => void

export interface CompiledEmitters {
  /** event name -> writer (null prototype) */
  readonly byName: Readonly<Record<string, EventWriter>>
  /** [helper, event name] pairs: `logoGenerated` -> `logo_generated` */
  readonly helpers: ReadonlyArray<readonly [string, string]>
  /** keyed call: `log.emit(name, props)`, unknown names included */
  dispatch(logger: Writable, name: string, props: unknown, options?: EmitCallOptions): void
}

const ERROR_LEVEL = LEVEL_VALUES.error

export function compileEmitters(
  compiled: CompiledCatalog,
  schemas: Readonly<Record<string, ZodType<unknown> | undefined>>,
  deps: EmitDeps,
): CompiledEmitters {
  const byName: Record<string, EventWriter> = Object.create(null) as Record<string, EventWriter>
  const helpers: [string, string][] = []
  const invalid = createInvalidReporter(deps)
  for (const [name, event] of Object.entries(compiled.events)) {
    const schema = schemas[name]
    if (schema === undefined) {
      throw new LoggerOptionsError(
        `The catalog declares event "${name}" but has no schema for it. Run \`linecast generate\` and pass the generated catalog to createLogger.`,
      )
    }
    byName[name] = compileEvent(event, schema, deps, invalid)
    helpers.push([event.helper, name])
  }
  const known = Object.keys(byName)
  return {
    byName,
    helpers,
    dispatch(logger, name, props, options) {
      const writer = byName[name]
      if (writer !== undefined) return writer(logger, props, options)
      if (deps.throwOnInvalid) throw unknownEventError(name, known)
      invalid(logger, name, props, undefined, undefined)
    },
  }
}

/** The value of an `options.level`; a level pino does not know is a programming error. */
function levelValueOf(level: Level, name: string): number {
  if (!Object.hasOwn(LEVEL_VALUES, level)) {
    throw new EmitOptionsError(
      `log.emit('${name}', props, { level }) got level ${JSON.stringify(level)}; use one of ${Object.keys(LEVEL_VALUES).join(', ')}.`,
    )
  }
  return LEVEL_VALUES[level]
}

type ReportInvalid = (
  logger: Writable,
  name: string,
  props: unknown,
  issues: readonly RawIssue[] | undefined,
  pii: PiiApplier | undefined,
) => void

function compileEvent(event: CompiledEvent, schema: ZodType<unknown>, deps: EmitDeps, invalid: ReportInvalid): EventWriter {
  const name = event.name
  const kind = event.kind
  const levelVal = LEVEL_VALUES[event.level]
  // A deprecated event still emits; its line carries `deprecated: true` so
  // `linecast report` and dashboards can find the call sites still using it.
  const deprecated = event.deprecated !== undefined
  const pii = compilePii(event.pii, deps.hasher)
  const redact = compileEventRedaction(event, deps.redactor)
  const render = compileMessage(event.message, name, deps.maxMessageValue)
  const retyped = new Set([...event.pii.hash, ...event.pii.redact].map((p) => p.split('.')[0] as string))
  for (const key of Object.keys(event.properties)) if (deps.redactor.isSecretKey(key)) retyped.add(key)
  const serialize = compileEventSerializer(event, deps.contextFields, retyped)
  const stamp = deps.stamp
  const fast = deps.fast
  const validateWhenDisabled = deps.throwOnInvalid
  const activeTrace = deps.trace
  const validate = validateWhenDisabled ? parseOrExplain : parsePlain

  const write: EventWriter = (logger, props, options) => {
    let lineLevel = levelVal
    let err: unknown
    if (options !== undefined) {
      if (options.level !== undefined) lineLevel = levelValueOf(options.level, name)
      err = options.err
    }
    const enabled = logger.levelVal <= lineLevel
    if (!enabled && !validateWhenDisabled) return
    const result = validate(schema, props, name)
    if (!result.success) return invalid(logger, name, props, result.error.issues as readonly RawIssue[], pii)
    if (!enabled) return
    // zod returns a fresh object for an object schema: ours to rewrite
    let fields = result.data as Record<string, unknown>
    if (fields === props) fields = { ...fields }
    if (pii !== undefined) pii(fields)
    if (redact !== undefined) redact(fields)
    const context = currentContext()
    const msg = render(fields, context)
    const eventId = randomUUID()
    const ids = activeTrace === undefined || fields.traceId !== undefined ? undefined : activeTrace()
    // an `err` goes through pino's writer, which applies the logger's err serializer
    const stream = fast && err === undefined ? fastStream(logger) : undefined
    if (stream !== undefined) {
      const body = serialize(fields, context, eventId, msg)
      return writeFast(logger, stream, lineLevel, ids === undefined ? body : body + traceJson(ids))
    }
    const line: Record<string, unknown> = deprecated ? { eventId, event: name, kind, deprecated: true } : { eventId, event: name, kind }
    stamp(line, context)
    for (const k in fields) {
      if (fields[k] === undefined) continue
      // a property shadowing a context field takes the property's place, as on the fast path
      if (k in line) delete line[k]
      line[k] = fields[k]
    }
    if (err !== undefined) line.err = err
    if (ids !== undefined) Object.assign(line, { traceId: ids.traceId, spanId: ids.spanId })
    writeLine(logger, line, msg, lineLevel)
  }
  return deps.throwOnInvalid ? write : neverThrowing(name, write, invalid)
}

type ParseResult = ReturnType<ZodType<unknown>['safeParse']>

/** Production: a getter or proxy trap that throws while zod reads the payload reaches `neverThrowing`. */
function parsePlain(schema: ZodType<unknown>, props: unknown): ParseResult {
  return schema.safeParse(props)
}

/** Development: such a throw becomes an EventValidationError, the caller's error as its cause. */
function parseOrExplain(schema: ZodType<unknown>, props: unknown, name: string): ParseResult {
  try {
    return schema.safeParse(props)
  } catch (error) {
    throw unreadablePayloadError(name, error)
  }
}

/**
 * Production: whatever fails while the event is written (a throwing getter or
 * proxy in the payload, a serializer error) becomes a `linecast.invalid_event`
 * line with an `emit_failed` issue instead of an exception at the call site.
 */
function neverThrowing(name: string, write: EventWriter, invalid: ReportInvalid): EventWriter {
  return (logger, props, options) => {
    try {
      write(logger, props, options)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      try {
        invalid(logger, name, props, [{ code: 'emit_failed', path: [], message }], undefined)
      } catch {
        // the destination itself refuses to write: there is nothing left to report to
      }
    }
  }
}

function createInvalidReporter(deps: EmitDeps): ReportInvalid {
  const { redactor, stamp, throwOnInvalid } = deps
  return (logger, name, props, issues, pii) => {
    if (throwOnInvalid) throw issues === undefined ? unknownEventError(name, []) : validationError(name, issues)
    if (logger.levelVal > ERROR_LEVEL) return
    const found = issues === undefined ? unknownEventIssues(name) : toInvalidIssues(issues)
    const { fields, msg } = invalidLine(name, found, safePayload(props, pii, redactor))
    const line: Record<string, unknown> = { eventId: randomUUID(), event: INVALID_EVENT, kind: 'error' }
    stamp(line, currentContext())
    Object.assign(line, fields)
    writeLine(logger, line, msg, ERROR_LEVEL)
  }
}

/** The payload of an invalid event with its PII treated and secrets redacted; never throws. */
function safePayload(props: unknown, pii: PiiApplier | undefined, redactor: Redactor): unknown {
  try {
    if (typeof props === 'object' && props !== null && !Array.isArray(props)) {
      const copy: Record<string, unknown> = { ...(props as Record<string, unknown>) }
      if (pii !== undefined) pii(copy)
      return redactor.redact(copy)
    }
    return redactor.redact(props)
  } catch {
    return '[Unserializable]'
  }
}
