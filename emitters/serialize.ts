/**
 * Per-event JSON serializers for the hot path. The catalog says what type each
 * property has, so an event's fields are written by a serializer compiled once
 * (pre-quoted keys, pre-quoted enum values, numbers without a type switch)
 * instead of pino's generic per-key loop. The result is the same JSON pino
 * writes: `write.ts` wraps it in pino's level, time, bindings and line end.
 */
import type { CompiledEvent, PropertySpec } from '../schema/compiled.js'
import type { LogContext } from './context.js'
import { isReservedField, writableContextFields } from './stamp.js'

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** A JSON string literal; skips JSON.stringify for the common plain string. */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"'
}

/** Any value as JSON, or undefined when JSON has no form for it (undefined, functions, symbols). */
export function stringifyValue(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return quote(v)
    case 'number':
      return Number.isFinite(v) ? '' + v : 'null'
    case 'boolean':
      return v ? 'true' : 'false'
    case 'bigint':
      return '"' + v.toString() + '"'
    case 'object':
      if (v === null) return 'null'
      try {
        return JSON.stringify(v)
      } catch {
        return '"[Unserializable]"'
      }
    default:
      return undefined
  }
}

type ValueWriter = (v: unknown) => string | undefined

interface FieldWriter {
  /** `,"key":` */
  readonly prefix: string
  readonly write: ValueWriter
}

/** `(fields, context, eventId, msg)` -> `,"eventId":…,"event":…,"kind":…,…context,…fields,"msg":…` */
export type SerializeEvent = (
  fields: Readonly<Record<string, unknown>>,
  context: LogContext | undefined,
  eventId: string,
  msg: string,
) => string

/**
 * `generic` names properties whose written value may not have the declared
 * type (PII-hashed, redacted): they use the generic writer.
 */
export function compileEventSerializer(
  event: CompiledEvent,
  contextFields: readonly string[],
  generic: ReadonlySet<string>,
): SerializeEvent {
  const head =
    ',"event":' + quote(event.name) + ',"kind":' + quote(event.kind) + (event.deprecated !== undefined ? ',"deprecated":true' : '')
  const writers: Record<string, FieldWriter> = Object.create(null) as Record<string, FieldWriter>
  for (const [key, spec] of Object.entries(event.properties)) {
    writers[key] = { prefix: ',' + quote(key) + ':', write: generic.has(key) ? stringifyValue : valueWriter(spec) }
  }
  const writeContext = compileContextSerializer(contextFields)

  return (fields, context, eventId, msg) => {
    let s = ',"eventId":"' + eventId + '"' + head
    if (context !== undefined) s += writeContext(context, fields)
    for (const key in fields) {
      const v = fields[key]
      if (v === undefined) continue
      const w = writers[key]
      const json = w === undefined ? stringifyValue(v) : w.write(v)
      if (json !== undefined) s += (w === undefined ? ',' + quote(key) + ':' : w.prefix) + json
    }
    return s + ',"msg":' + quote(msg)
  }
}

/** Context fields not shadowed by a property of the same name. */
function compileContextSerializer(
  fields: readonly string[],
): (context: LogContext, props: Readonly<Record<string, unknown>>) => string {
  if (fields.length === 0) {
    return (context, props) => {
      let s = ''
      for (const k in context) {
        if (props[k] !== undefined || isReservedField(k)) continue
        const json = stringifyValue(context[k])
        if (json !== undefined) s += ',' + quote(k) + ':' + json
      }
      return s
    }
  }
  const keys = writableContextFields(fields)
  const prefixes = keys.map((k) => ',' + quote(k) + ':')
  const n = keys.length
  return (context, props) => {
    let s = ''
    for (let i = 0; i < n; i++) {
      const k = keys[i] as string
      const v = context[k]
      if (v === undefined || props[k] !== undefined) continue
      const json = stringifyValue(v)
      if (json !== undefined) s += (prefixes[i] as string) + json
    }
    return s
  }
}

function valueWriter(spec: PropertySpec): ValueWriter {
  switch (spec.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? quote(v) : stringifyValue(v))
    case 'integer':
    case 'number':
      return (v) => (typeof v === 'number' ? (Number.isFinite(v) ? '' + v : 'null') : stringifyValue(v))
    case 'boolean':
      return (v) => (v === true ? 'true' : v === false ? 'false' : stringifyValue(v))
    case 'enum': {
      const quoted = new Map(spec.values.map((value) => [value, quote(value)]))
      return (v) => (typeof v === 'string' ? (quoted.get(v) ?? quote(v)) : stringifyValue(v))
    }
    default:
      return stringifyValue
  }
}
