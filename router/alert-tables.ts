import { LEVELS, LEVEL_VALUES, type AlertRule, type CompiledCatalog, type Level } from '../schema/compiled.js'

/** Alert rules indexed once: by the event they watch, and by level for rules that watch every line. */
export interface AlertTables {
  byEvent: ReadonlyMap<string, readonly AlertRule[]>
  byLevel: Readonly<Record<Level, readonly AlertRule[]>>
}

export function compileAlertTables(catalog: CompiledCatalog): AlertTables {
  const byEvent = new Map<string, AlertRule[]>()
  const byLevel = {} as Record<Level, AlertRule[]>
  for (const level of LEVELS) byLevel[level] = []
  for (const rule of Object.values(catalog.alerts)) {
    const { event, level } = rule.when
    if (event !== undefined) {
      const list = byEvent.get(event) ?? []
      list.push(rule)
      byEvent.set(event, list)
      continue
    }
    const floor = LEVEL_VALUES[level ?? 'trace']
    for (const l of LEVELS) if (LEVEL_VALUES[l] >= floor) byLevel[l].push(rule)
  }
  return { byEvent, byLevel }
}
