/**
 * Which destinations an event reaches, for the docs: the event's own `to`,
 * then every level route at or below its level (skipping destinations whose
 * own `level` is above the event's), then its severity route. Sampling and
 * alerts are not reflected here; the router decides at run time.
 */
import { LEVELS, LEVEL_VALUES, type CompiledCatalog, type CompiledEvent } from '../compiled.js'

export interface EventDestination {
  name: string
  /** `to`, `level:<level>` or `severity:<severity>` */
  via: string
}

export function eventDestinations(compiled: CompiledCatalog, event: CompiledEvent): EventDestination[] {
  const out: EventDestination[] = []
  const seen = new Set<string>()
  const add = (name: string, via: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    out.push({ name, via })
  }
  for (const name of event.to) add(name, 'to')
  const eventLevel = LEVEL_VALUES[event.level]
  for (const level of LEVELS) {
    if (LEVEL_VALUES[level] > eventLevel) continue
    for (const name of compiled.routes[level] ?? []) {
      const floor = compiled.destinations[name]?.level
      if (floor !== undefined && LEVEL_VALUES[floor] > eventLevel) continue
      add(name, `level:${level}`)
    }
  }
  if (event.severity !== undefined) {
    for (const name of compiled.routes[event.severity] ?? []) add(name, `severity:${event.severity}`)
  }
  return out
}
