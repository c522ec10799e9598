/** A realistic JSON line for one event, as the logger writes it, with fixed time and id. */
import { createHmac } from 'node:crypto'
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import { EXAMPLE_EVENT_ID, EXAMPLE_TIME, exampleObject } from './example-values.js'

function render(value: unknown): string {
  if (value === undefined) return ''
  if (value === null || typeof value !== 'object') return String(value)
  return JSON.stringify(value)
}

/** `logo {style} generated` with the example values; the event name when there is no template. */
export function exampleMessage(event: CompiledEvent, properties: Record<string, unknown>): string {
  if (event.message === undefined) return event.name
  return event.message.replace(/\{([A-Za-z0-9_.]+)\}/g, (whole, path: string) => {
    let value: unknown = properties
    for (const part of path.split('.')) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined
    }
    return value === undefined ? whole : render(value)
  })
}

/** The environment as written, or `production` when the catalog leaves it to a `${VAR}`. */
function exampleEnv(compiled: CompiledCatalog): string {
  const env = compiled.environment
  return env === undefined || env.includes('${') ? 'production' : env
}

/** The key the examples hash with: the example shows the shape of a hashed value, never a real one. */
const EXAMPLE_PII_KEY = 'example-pii-key'

/** Applies `fn` to the value at a dotted PII path (`customer.email`, `items[].email`, `tags[]`). */
function atPath(value: unknown, parts: string[], fn: (v: unknown) => unknown): unknown {
  if (parts.length === 0) return fn(value)
  const [head = '', ...rest] = parts
  const isArray = head.endsWith('[]')
  const key = isArray ? head.slice(0, -2) : head
  if (value === null || typeof value !== 'object' || !(key in value)) return value
  const obj = value as Record<string, unknown>
  const child = obj[key]
  const next = isArray && Array.isArray(child) ? child.map((item) => atPath(item, rest, fn)) : atPath(child, rest, fn)
  return { ...obj, [key]: next }
}

/** Example values treated as the logger treats them: `pii: hash` hashed, `pii: redact` redacted. */
function withPii(event: CompiledEvent, properties: Record<string, unknown>): Record<string, unknown> {
  let out: unknown = properties
  const hash = (v: unknown): unknown => createHmac('sha256', EXAMPLE_PII_KEY).update(String(v)).digest('hex')
  for (const path of event.pii.hash) out = atPath(out, path.split('.'), hash)
  for (const path of event.pii.redact) out = atPath(out, path.split('.'), () => '[REDACTED]')
  return out as Record<string, unknown>
}

export function exampleLine(compiled: CompiledCatalog, event: CompiledEvent): Record<string, unknown> {
  const properties = withPii(event, exampleObject(event.properties))
  return {
    level: event.level,
    time: EXAMPLE_TIME,
    service: compiled.service,
    env: exampleEnv(compiled),
    event: event.name,
    kind: event.kind,
    eventId: EXAMPLE_EVENT_ID,
    ...properties,
    msg: exampleMessage(event, properties),
  }
}
