/**
 * What the browser collector does with the events of one request: each is
 * checked against the catalog again (a browser event of the catalog, its
 * properties as written with PII already treated in the browser), then
 * written through the service's logger like any server event, with
 * `runtime: "browser"` and the request's context. An event that fails is
 * written as a `linecast.invalid_event` line and returned to the caller.
 */
import type { Logger } from 'pino'
import type { ZodType } from 'zod'
import type { CompiledCatalog, CompiledEvent } from '../../schema/compiled.js'
import { rawPiiPaths, writtenEventSchema } from '../../schema/line-schema.js'
import { eventRuntimes } from '../../schema/runtimes.js'
import { createRedactor, REDACTED } from '../../core/redact.js'
import { compileMessage, type RenderMessage } from '../../emitters/message.js'
import { currentContext } from '../../emitters/context.js'
import { INVALID_EVENT, invalidLine, toInvalidIssues, type RawIssue } from '../../emitters/invalid.js'
import { isValidRequestId } from './request-id.js'

export interface RejectedEvent {
  eventId: string | undefined
  event: string | undefined
  issues: { path: string; code: string; message: string }[]
}

interface Checked {
  event: CompiledEvent
  schema: ZodType<Record<string, unknown>>
  render: RenderMessage
}

export type WriteBrowserEvents = (logger: Logger, events: readonly unknown[]) => RejectedEvent[]

function issue(code: string, message: string, path = ''): RejectedEvent['issues'][number] {
  return { path, code, message }
}

/** Compiles, once per collector, the checks and message templates of the catalog's browser events. */
export function browserEventWriter(compiled: CompiledCatalog): WriteBrowserEvents {
  const redactor = createRedactor(compiled.redact)
  const checks = new Map<string, Checked>()
  for (const event of Object.values(compiled.events)) {
    if (!eventRuntimes(event).includes('browser')) continue
    checks.set(event.name, { event, schema: writtenEventSchema(event, redactor.isSecretKey), render: compileMessage(event.message, event.name) })
  }

  function writeOne(logger: Logger, raw: unknown): RejectedEvent | undefined {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
    const eventId = typeof item.eventId === 'string' ? item.eventId : undefined
    const name = typeof item.event === 'string' ? item.event : undefined
    const reject = (issues: RejectedEvent['issues']): RejectedEvent => {
      writeInvalid(logger, name ?? '(unnamed)', issues, withoutPii(compiled, name, item.properties), redactor.redact)
      return { eventId, event: name, issues }
    }
    if (eventId === undefined || !isValidRequestId(eventId)) return reject([issue('invalid_type', 'eventId must be the id the browser generated', 'eventId')])
    if (name === undefined) return reject([issue('invalid_type', 'event must name a catalog event', 'event')])
    const check = checks.get(name)
    if (check === undefined) {
      const known = compiled.events[name] !== undefined
      return reject([issue('unknown_event', known ? `event "${name}" is not declared for the browser (runtimes)` : `event "${name}" is not declared in the catalog`)])
    }
    const properties = typeof item.properties === 'object' && item.properties !== null ? (item.properties as Record<string, unknown>) : {}
    const rawPii = rawPiiPaths(check.event, properties)
    if (rawPii.length > 0) return reject(rawPii.map((path) => issue('raw_pii', `${path} must be hashed or redacted in the browser before it is sent`, path)))
    const result = check.schema.safeParse(item.properties ?? {})
    if (!result.success) return reject(toInvalidIssues(result.error.issues as readonly RawIssue[]))
    const props = result.data
    const line: Record<string, unknown> = { eventId, event: name, kind: check.event.kind }
    if (check.event.deprecated !== undefined) line.deprecated = true
    Object.assign(line, props)
    logger[check.event.level](line, check.render(props, currentContext()))
    return undefined
  }

  return (logger, events) => {
    const rejected: RejectedEvent[] = []
    for (const raw of events) {
      const r = writeOne(logger, raw)
      if (r !== undefined) rejected.push(r)
    }
    return rejected
  }
}

function writeInvalid(logger: Logger, name: string, issues: RejectedEvent['issues'], payload: unknown, redact: (v: unknown) => unknown): void {
  const { fields, msg } = invalidLine(name, issues, redact(payload ?? null))
  logger.error({ event: INVALID_EVENT, kind: 'error', ...fields }, msg)
}

/** The payload of a refused event with the event's PII properties replaced (the browser may have sent them raw). */
function withoutPii(compiled: CompiledCatalog, name: string | undefined, payload: unknown): unknown {
  const event = name === undefined ? undefined : compiled.events[name]
  if (event === undefined || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload
  const copy: Record<string, unknown> = { ...(payload as Record<string, unknown>) }
  for (const path of [...event.pii.hash, ...event.pii.redact]) {
    const key = path.split(/[.[]/)[0] as string
    if (copy[key] !== undefined) copy[key] = REDACTED
  }
  return copy
}
