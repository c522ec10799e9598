/**
 * line -> destination names. Pure: every table is built once by
 * `compileRouter` from the one routing rule (core/reach.ts); the per-line path is two property lookups and a hash when
 * the event is sampled.
 */
import { LEVELS, type CompiledCatalog, type Level } from '../schema/compiled.js'
import { reachedDestinations } from '../core/reach.js'
import type { LogLine } from '../core/line.js'
import { compileAlertTables, type AlertTables } from './alert-tables.js'
import { levelOf } from './level.js'
import { isSampledIn } from './sample.js'

type LevelTable = Readonly<Record<Level, readonly string[]>>

interface EventRoutes {
  /** every destination, by the line's level */
  all: LevelTable
  /** what a sampled-out line still reaches: the audit_log destinations */
  sampledOut: LevelTable
}

export interface CompiledRouter {
  (line: LogLine): readonly string[]
  readonly catalog: CompiledCatalog
  readonly alerts: AlertTables
}

function perLevel(build: (level: Level) => string[]): LevelTable {
  const table = {} as Record<Level, readonly string[]>
  for (const level of LEVELS) table[level] = Object.freeze(build(level))
  return table
}

export function compileRouter(catalog: CompiledCatalog): CompiledRouter {
  const byLevel = perLevel((level) => reachedDestinations({ level, to: [] }, catalog))
  const events = new Map<string, EventRoutes>()
  for (const event of Object.values(catalog.events)) {
    const all = perLevel((level) => reachedDestinations({ level, severity: event.severity, to: event.to }, catalog))
    const sampledOut = perLevel((level) => all[level].filter((name) => catalog.destinations[name]?.kind === 'audit_log'))
    events.set(event.name, { all, sampledOut })
  }

  const router = (line: LogLine): readonly string[] => {
    const level = levelOf(line.level)
    const name = line.event
    if (typeof name !== 'string' || name.startsWith('linecast.')) return byLevel[level]
    const routes = events.get(name)
    if (routes === undefined) return byLevel[level]
    const event = catalog.events[name]
    if (event !== undefined && event.sample !== undefined && event.sample < 1 && !isSampledIn(event, line)) {
      return routes.sampledOut[level]
    }
    return routes.all[level]
  }
  return Object.assign(router, { catalog, alerts: compileAlertTables(catalog) })
}

const cache = new WeakMap<CompiledCatalog, CompiledRouter>()

/** One-off routing; compiles (and caches per catalog object) the router on first use. */
export function route(catalog: CompiledCatalog, line: LogLine): string[] {
  let router = cache.get(catalog)
  if (router === undefined) {
    router = compileRouter(catalog)
    cache.set(catalog, router)
  }
  return [...router(line)]
}
