/**
 * Which destinations an event reaches by the catalog: the ones it names in
 * `to`, the level routes at or below its level (and not below a destination's
 * own `level`), and the route of its severity. The one routing rule: the
 * router compiles its run-time tables from it, and lint, docs and diff use it
 * to see where an event (and each of its properties) can end up.
 */
import { LEVEL_VALUES, LEVELS, type Level } from './level.js'

export interface Reachable {
  level: Level
  /** p0..p3; its route adds its destinations */
  severity?: string
  to: readonly string[]
}

export interface RoutingTable {
  routes: Readonly<Record<string, readonly string[]>>
  /** every destination the catalog declares, with its own lowest level */
  destinations: Readonly<Record<string, { kind: string; level?: Level }>>
}

export interface EventDestination {
  name: string
  /** `to`, `level:<level>` or `severity:<severity>` */
  via: string
}

/**
 * The destinations an event reaches, each with the rule that adds it, in a
 * stable order: the event's own `to`, then every level route at or below its
 * level (skipping destinations whose own `level` is above the event's), then
 * its severity route.
 */
export function eventDestinations(table: RoutingTable, event: Reachable): EventDestination[] {
  const out: EventDestination[] = []
  const seen = new Set<string>()
  const add = (name: string, via: string): void => {
    if (seen.has(name) || !Object.hasOwn(table.destinations, name)) return
    seen.add(name)
    out.push({ name, via })
  }
  for (const name of event.to) add(name, 'to')
  const eventLevel = LEVEL_VALUES[event.level]
  for (const level of LEVELS) {
    if (LEVEL_VALUES[level] > eventLevel) continue
    for (const name of table.routes[level] ?? []) {
      const floor = table.destinations[name]?.level
      if (floor !== undefined && LEVEL_VALUES[floor] > eventLevel) continue
      add(name, `level:${level}`)
    }
  }
  if (event.severity !== undefined) {
    for (const name of table.routes[event.severity] ?? []) add(name, `severity:${event.severity}`)
  }
  return out
}

export function reachedDestinations(event: Reachable, table: RoutingTable): string[] {
  return eventDestinations(table, event).map((d) => d.name)
}
