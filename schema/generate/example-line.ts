/** A realistic JSON line for one event, as the logger writes it, with fixed time and id. */
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

export function exampleLine(compiled: CompiledCatalog, event: CompiledEvent): Record<string, unknown> {
  const properties = exampleObject(event.properties)
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
