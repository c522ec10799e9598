/**
 * PII treatment of event properties (`pii: hash | redact | keep` in the catalog).
 *
 * `hash` writes HMAC-SHA256(key, value) as 64 lowercase hex characters, with
 * no prefix: any service (or SQL `encode(hmac(value, key, 'sha256'), 'hex')`)
 * holding the same key computes the same value, so hashed ids still join.
 * Numbers and booleans are hashed as their decimal / `true` / `false` text.
 * `redact` writes `[REDACTED]`. The raw value is never written.
 */
import { createHmac } from 'node:crypto'
import { PiiKeyMissingError } from './errors.js'
import { REDACTED } from '../core/secrets.js'

/** Default `${VAR}` template of the HMAC key when the catalog names none. */
export const DEFAULT_PII_KEY_TEMPLATE = '${PII_HASH_KEY}'

const HASH_CACHE_LIMIT = 10_000

export type Hasher = (value: string) => string

/**
 * HMAC-SHA256 hex of `value` under `key`. Recent results are kept in a bounded
 * map: ids repeat, and an HMAC costs far more than a map lookup.
 */
export function createHasher(key: string): Hasher {
  const cache = new Map<string, string>()
  return (value) => {
    const hit = cache.get(value)
    if (hit !== undefined) return hit
    const digest = createHmac('sha256', key).update(value).digest('hex')
    if (cache.size >= HASH_CACHE_LIMIT) cache.clear()
    cache.set(value, digest)
    return digest
  }
}

/** Expands `${VAR}` and `${VAR:-default}`; undefined when a variable without default is unset or empty. */
export function expandTemplate(
  template: string,
  vars: Readonly<Record<string, string | undefined>>,
): string | undefined {
  let missing = false
  const out = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const v = vars[name]
    if (v !== undefined && v !== '') return v
    if (fallback !== undefined) return fallback
    missing = true
    return ''
  })
  return missing || out === '' ? undefined : out
}

/** The variable a user should set, for error messages: `PII_HASH_KEY` from `${PII_HASH_KEY}`. */
export function templateVariable(template: string): string {
  return /\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(template)?.[1] ?? template
}

/**
 * The key for `pii: hash`: `explicit` when given, else the catalog's template
 * (default `${PII_HASH_KEY}`) expanded from `vars`. Throws when an event needs
 * hashing and there is no key; returns undefined when nothing needs one.
 */
export function resolvePiiKey(options: {
  explicit: string | undefined
  template: string | undefined
  vars: Readonly<Record<string, string | undefined>>
  hashingEvents: readonly string[]
}): string | undefined {
  const template = options.template ?? DEFAULT_PII_KEY_TEMPLATE
  const key = options.explicit ?? expandTemplate(template, options.vars)
  if ((key === undefined || key === '') && options.hashingEvents.length > 0) {
    throw new PiiKeyMissingError(templateVariable(template), options.hashingEvents)
  }
  return key === '' ? undefined : key
}

type Treat = (value: unknown) => unknown
export type PiiApplier = (props: Record<string, unknown>) => void

/**
 * Compiles an event's PII paths into one function that rewrites the line's
 * property object in place (top level) and copies nested containers before
 * changing them. An array on the path applies the rest of the path to each item.
 * Returns undefined when the event has nothing to hash or redact.
 */
export function compilePii(
  paths: { hash: readonly string[]; redact: readonly string[] },
  hasher: Hasher | undefined,
): PiiApplier | undefined {
  const steps: { segments: string[]; treat: Treat }[] = []
  const hash: Treat = (v) => hashValue(v, hasher)
  for (const p of paths.hash) steps.push({ segments: splitPath(p), treat: hash })
  for (const p of paths.redact) steps.push({ segments: splitPath(p), treat: redactValue })
  if (steps.length === 0) return undefined
  const single = steps.length === 1 ? steps[0] : undefined
  if (single !== undefined && single.segments.length === 1) {
    const key = single.segments[0] as string
    const treat = single.treat
    return (props) => {
      const v = props[key]
      if (v !== undefined && v !== null) props[key] = treat(v)
    }
  }
  return (props) => {
    for (const step of steps) applyAt(props, step.segments, 0, step.treat)
  }
}

function splitPath(path: string): string[] {
  return path
    .split('.')
    .map((s) => s.replace(/\[\]$/, ''))
    .filter((s) => s !== '' && s !== '*' && s !== '[]')
}

function redactValue(): unknown {
  return REDACTED
}

function hashValue(v: unknown, hasher: Hasher | undefined): unknown {
  if (hasher === undefined) return REDACTED
  if (typeof v === 'string') return hasher(v)
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return hasher(String(v))
  if (Array.isArray(v)) return v.map((item) => (item === null || item === undefined ? item : hashValue(item, hasher)))
  return REDACTED
}

/** Treats `container[segments[i..]]`; mutates `container` (the caller owns it). */
function applyAt(container: Record<string, unknown>, segments: readonly string[], i: number, treat: Treat): void {
  const key = segments[i] as string
  const v = container[key]
  if (v === undefined || v === null) return
  if (i === segments.length - 1) {
    container[key] = treat(v)
    return
  }
  const next = descendCopy(v, segments, i + 1, treat)
  if (next !== undefined) container[key] = next
}

/** A copy of `v` with the rest of the path treated, or undefined when `v` is no container. */
function descendCopy(v: unknown, segments: readonly string[], i: number, treat: Treat): unknown {
  if (Array.isArray(v)) {
    return v.map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return item
      return descendCopy(item, segments, i, treat)
    })
  }
  if (typeof v !== 'object' || v === null) return undefined
  const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) }
  applyAt(copy, segments, i, treat)
  return copy
}
