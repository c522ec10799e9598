/**
 * Which destinations an event reaches by the catalog: the ones it names in
 * `to`, the level routes at or below its level (and not below a destination's
 * own `level`), and the route of its severity. The router applies the same
 * rule at run time; lint uses it to see where a property can end up.
 */
import { LEVEL_VALUES, LEVELS, type DestinationSpec, type Level, type Severity } from './compiled.js'

export interface Reachable {
  level: Level
  severity?: Severity
  to: readonly string[]
}

export interface RoutingTable {
  routes: Readonly<Record<string, readonly string[]>>
  destinations: Readonly<Record<string, DestinationSpec>>
}

function isLevel(key: string): key is Level {
  return (LEVELS as readonly string[]).includes(key)
}

export function reachedDestinations(event: Reachable, table: RoutingTable): string[] {
  const out = new Set<string>(event.to)
  const value = LEVEL_VALUES[event.level]
  for (const [key, names] of Object.entries(table.routes)) {
    if (isLevel(key)) {
      if (value < LEVEL_VALUES[key]) continue
      for (const name of names) {
        const floor = table.destinations[name]?.level
        if (floor === undefined || value >= LEVEL_VALUES[floor]) out.add(name)
      }
    } else if (key === event.severity) {
      for (const name of names) out.add(name)
    }
  }
  return [...out]
}
