/**
 * A property removed and another of the same type added on the same object is
 * most likely a rename. Pairs are made in declaration order; a candidate with
 * the same spec (descriptions aside) wins over one that merely shares the type.
 * An event removed and another added with the same kind and the same
 * properties is most likely a rename too.
 */
import type { CompiledEvent, PropertySpec } from '../compiled.js'

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

/** The properties of an event, descriptions aside, in name order. */
function propertiesShape(event: CompiledEvent): string {
  return JSON.stringify(
    Object.keys(event.properties)
      .sort()
      .map((name) => [name, withoutDescription(event.properties[name] as PropertySpec)]),
  )
}

/** Removed and added events paired as renames: same kind, at least one property, the same properties. */
export function pairEventRenames(removed: readonly CompiledEvent[], added: readonly CompiledEvent[]): RenamePair[] {
  const free = new Set(added.map((e) => e.name))
  const pairs: RenamePair[] = []
  for (const old of removed) {
    if (Object.keys(old.properties).length === 0) continue
    const shape = propertiesShape(old)
    const to = added.find((e) => free.has(e.name) && e.kind === old.kind && propertiesShape(e) === shape)
    if (to === undefined) continue
    free.delete(to.name)
    pairs.push({ from: old.name, to: to.name })
  }
  return pairs
}
