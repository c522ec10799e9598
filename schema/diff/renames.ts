/**
 * A property removed and another of the same type added on the same object is
 * most likely a rename. Pairs are made in declaration order; a candidate with
 * the same spec (descriptions aside) wins over one that merely shares the type.
 */
import type { PropertySpec } from '../compiled.js'

export interface RenamePair {
  from: string
  to: string
}

/** `array of string` and `array of integer` are different types. */
function shape(spec: PropertySpec): string {
  return spec.type === 'array' ? `array<${shape(spec.items)}>` : spec.type
}

function withoutDescription(spec: PropertySpec): unknown {
  return JSON.stringify(spec, (key, value: unknown) => (key === 'description' ? undefined : value))
}

export function sameType(a: PropertySpec, b: PropertySpec): boolean {
  return shape(a) === shape(b)
}

export function pairRenames(
  removed: readonly string[],
  added: readonly string[],
  before: Record<string, PropertySpec>,
  after: Record<string, PropertySpec>,
): RenamePair[] {
  const free = new Set(added)
  const pairs: RenamePair[] = []
  for (const from of removed) {
    const old = before[from]
    if (old === undefined) continue
    const candidates = added.filter((name) => free.has(name) && after[name] !== undefined && sameType(old, after[name]))
    const exact = candidates.find((name) => withoutDescription(old) === withoutDescription(after[name] as PropertySpec))
    const to = exact ?? candidates[0]
    if (to === undefined) continue
    free.delete(to)
    pairs.push({ from, to })
  }
  return pairs
}
