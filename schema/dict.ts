/**
 * Maps keyed by names from a catalog: objects without a prototype, so a name
 * such as `constructor` or `__proto__` is an ordinary key that is either there
 * or not, never a member every object inherits.
 */

/** An empty map without a prototype. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** A map without a prototype holding `entries` (a `__proto__` key stays an own key). */
export function dictOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = dict<T>()
  for (const [key, value] of entries) out[key] = value
  return out
}
