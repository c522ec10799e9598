import type { CompiledCatalog } from '../compiled.js'
import { dict } from '../dict.js'

/**
 * A deep copy with object keys sorted, so the serialized catalog does not
 * depend on the order the loader built it in. Objects under a `properties`
 * key keep their declared order: that order is the author's and docs show it.
 */
export function canonicalValue(value: unknown, keepOrder = false): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalValue(v))
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const out = dict<unknown>()
  for (const [k, v] of entries) out[k] = canonicalValue(v, k === 'properties')
  return out
}

export function canonicalCatalog(compiled: CompiledCatalog): CompiledCatalog {
  return canonicalValue(compiled) as CompiledCatalog
}

/** Event names in a stable order. */
export function sortedEventNames(compiled: CompiledCatalog): string[] {
  return Object.keys(compiled.events).sort()
}
