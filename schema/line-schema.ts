/**
 * The zod schema of an event's properties as they appear on a written line,
 * built at run time from the compiled catalog: the catalog's constraints
 * (the same zod builders `generate/zod-source.ts` writes as source) with PII
 * already treated. A `pii: hash` property holds 64 lowercase hex characters
 * (or `[REDACTED]` when no key was set), a `pii: redact` one holds
 * `[REDACTED]`, and a property named like a secret may hold `[REDACTED]`.
 * `linecast verify` checks lines with it; the browser collector checks what
 * a browser sends (PII was treated before it left the browser).
 */
import { z, type ZodType } from 'zod'
import type { CompiledEvent, PropertySpec, StringProperty } from './compiled.js'

export const REDACTED_TEXT = '[REDACTED]'
/** What HMAC-SHA256 hex looks like. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/

const hashed = z.union([z.string().regex(HASH_PATTERN), z.literal(REDACTED_TEXT)])
const treatedHash = z.union([hashed, z.array(z.union([hashed, z.null()]))])
const treatedRedact = z.literal(REDACTED_TEXT)

function stringSchema(spec: StringProperty): ZodType {
  let s =
    spec.format === 'email'
      ? z.email()
      : spec.format === 'uuid'
        ? z.uuid()
        : spec.format === 'url'
          ? z.url()
          : spec.format === 'datetime'
            ? z.iso.datetime({ offset: true })
            : z.string()
  if (spec.minLength !== undefined) s = s.min(spec.minLength)
  if (spec.maxLength !== undefined) s = s.max(spec.maxLength)
  if (spec.pattern !== undefined) s = s.regex(new RegExp(spec.pattern))
  return s
}

function numberSchema(spec: PropertySpec & { type: 'integer' | 'number' }): ZodType {
  let n = spec.type === 'integer' ? z.int() : z.number()
  if (spec.min !== undefined) n = n.min(spec.min)
  if (spec.max !== undefined) n = n.max(spec.max)
  return n
}

export type IsSecretKey = (key: string) => boolean

/** One property as written on a line; `key` is its name (a secret-looking name may be `[REDACTED]`). */
export function writtenPropertySchema(spec: PropertySpec, key: string, isSecretKey: IsSecretKey): ZodType {
  if (spec.pii === 'hash') return treatedHash
  if (spec.pii === 'redact') return treatedRedact
  const base = valueSchema(spec, isSecretKey)
  return isSecretKey(key) ? z.union([base, treatedRedact]) : base
}

function valueSchema(spec: PropertySpec, isSecretKey: IsSecretKey): ZodType {
  switch (spec.type) {
    case 'string':
      return stringSchema(spec)
    case 'integer':
    case 'number':
      return numberSchema(spec)
    case 'boolean':
      return z.boolean()
    case 'enum':
      return z.enum(spec.values as [string, ...string[]])
    case 'array': {
      let a = z.array(writtenPropertySchema(spec.items, '', isSecretKey))
      if (spec.minItems !== undefined) a = a.min(spec.minItems)
      if (spec.maxItems !== undefined) a = a.max(spec.maxItems)
      return a
    }
    case 'object':
      return writtenObjectSchema(spec.properties, isSecretKey, true)
  }
}

/** `strict`: unknown keys are refused (nested objects; a line's top level also holds context fields). */
export function writtenObjectSchema(properties: Record<string, PropertySpec>, isSecretKey: IsSecretKey, strict: boolean): ZodType<Record<string, unknown>> {
  const shape: Record<string, ZodType> = {}
  for (const [key, spec] of Object.entries(properties)) {
    const schema = writtenPropertySchema(spec, key, isSecretKey)
    shape[key] = spec.optional === true ? schema.optional() : schema
  }
  const object = z.object(shape)
  return (strict ? object.strict() : object) as ZodType<Record<string, unknown>>
}

/** The schema of an event's properties as written (PII treated), unknown keys refused. */
export function writtenEventSchema(event: Pick<CompiledEvent, 'properties'>, isSecretKey: IsSecretKey): ZodType<Record<string, unknown>> {
  return writtenObjectSchema(event.properties, isSecretKey, true)
}

/** The values at a dotted PII path (`customer.email`, `items[].email`, `tags[]`). */
function valuesAt(value: unknown, segments: readonly string[]): unknown[] {
  if (value === undefined || value === null) return []
  if (segments.length === 0) return Array.isArray(value) ? value : [value]
  if (Array.isArray(value)) return value.flatMap((item: unknown) => valuesAt(item, segments))
  if (typeof value !== 'object') return []
  const [head, ...rest] = segments as [string, ...string[]]
  return valuesAt((value as Record<string, unknown>)[head], rest)
}

function segmentsOf(path: string): string[] {
  return path.split('.').map((s) => s.replace(/\[\]$/, ''))
}

/** PII paths whose value is not what the logger writes: a hash (or `[REDACTED]`) for hash, `[REDACTED]` for redact. */
export function rawPiiPaths(event: Pick<CompiledEvent, 'pii'>, props: Record<string, unknown>): string[] {
  const raw: string[] = []
  for (const path of event.pii.hash) {
    const bad = valuesAt(props, segmentsOf(path)).some((v) => v !== null && v !== REDACTED_TEXT && !(typeof v === 'string' && HASH_PATTERN.test(v)))
    if (bad) raw.push(path)
  }
  for (const path of event.pii.redact) {
    if (valuesAt(props, segmentsOf(path)).some((v) => v !== null && v !== REDACTED_TEXT)) raw.push(path)
  }
  return raw
}
