/**
 * One line against the catalog, for `linecast verify`: which service and
 * runtime wrote it, and whether it is a valid catalog event, an invalid one
 * (first issues), an unknown event, or one whose PII was written raw.
 */
import type { ZodType } from 'zod'
import type { CompiledCatalog, CompiledEvent } from '../../schema/compiled.js'
import { rawPiiPaths, writtenEventSchema } from '../../schema/line-schema.js'
import { eventRuntimes, lineRuntime } from '../../schema/runtimes.js'
import { createRedactor } from '../../core/redact.js'

export const INVALID_EVENT_LINE = 'linecast.invalid_event'

export interface Issue {
  path: string
  code: string
  message: string
}

interface Origin {
  service: string
  runtime: string
}

export type Verdict =
  | { kind: 'not_json' }
  | ({ kind: 'plain' } & Origin)
  | ({ kind: 'unknown'; event: string } & Origin)
  | ({ kind: 'invalid'; event: string; issues: Issue[] } & Origin)
  | ({ kind: 'raw_pii'; event: string; paths: string[] } & Origin)
  | ({ kind: 'valid'; event: string; present: string[] } & Origin)

export type CheckLine = (text: string) => Verdict

function originOf(line: Record<string, unknown>): Origin {
  const runtime = lineRuntime(line.runtime)
  return {
    service: typeof line.service === 'string' ? line.service : '(none)',
    runtime: runtime === 'unknown' ? String(line.runtime) : runtime,
  }
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}

export function createLineChecker(compiled: CompiledCatalog): CheckLine {
  const redactor = createRedactor(compiled.redact)
  const schemas = new Map<string, ZodType<Record<string, unknown>>>()
  const schemaOf = (event: CompiledEvent): ZodType<Record<string, unknown>> => {
    let schema = schemas.get(event.name)
    if (schema === undefined) schemas.set(event.name, (schema = writtenEventSchema(event, redactor.isSecretKey)))
    return schema
  }

  function checkEvent(line: Record<string, unknown>, event: CompiledEvent, origin: Origin): Verdict {
    const issues: Issue[] = []
    if (!(eventRuntimes(event) as readonly string[]).includes(origin.runtime))
      issues.push({ path: 'runtime', code: 'runtime_not_declared', message: `${event.name} is not declared for the ${origin.runtime} runtime (runtimes: ${eventRuntimes(event).join(', ')})` })
    if (line.kind !== event.kind) issues.push({ path: 'kind', code: 'invalid_value', message: `kind is ${JSON.stringify(line.kind)}, the catalog says ${event.kind}` })
    if (typeof line.eventId !== 'string') issues.push({ path: 'eventId', code: 'invalid_type', message: 'every line carries an eventId' })
    const props: Record<string, unknown> = {}
    for (const key of Object.keys(event.properties)) if (line[key] !== undefined) props[key] = line[key]
    const raw = rawPiiPaths(event, props)
    if (raw.length > 0) return { kind: 'raw_pii', event: event.name, paths: raw, ...origin }
    const result = schemaOf(event).safeParse(props)
    if (!result.success) {
      for (const i of result.error.issues) issues.push({ path: i.path.map(String).join('.'), code: i.code, message: i.message })
    }
    if (issues.length > 0) return { kind: 'invalid', event: event.name, issues, ...origin }
    return { kind: 'valid', event: event.name, present: Object.keys(props).filter((k) => isPresent(props[k])), ...origin }
  }

  return (text) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return { kind: 'not_json' }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'not_json' }
    const line = parsed as Record<string, unknown>
    const origin = originOf(line)
    if (typeof line.event !== 'string') return { kind: 'plain', ...origin }
    if (line.event === INVALID_EVENT_LINE) {
      const issues = Array.isArray(line.issues) ? (line.issues as Issue[]) : []
      const invalidEvent = typeof line.invalidEvent === 'string' ? line.invalidEvent : '(unknown)'
      if (issues[0]?.code === 'unknown_event') return { kind: 'unknown', event: invalidEvent, ...origin }
      return { kind: 'invalid', event: invalidEvent, issues, ...origin }
    }
    const event = compiled.events[line.event]
    if (event === undefined) return { kind: 'unknown', event: line.event, ...origin }
    return checkEvent(line, event, origin)
  }
}
