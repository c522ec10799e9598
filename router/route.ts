/**
 * line -> destination names. Pure: every table is built once by
 * `compileRouter`; the per-line path is two property lookups and a hash when
 * the event is sampled.
 */
import { LEVELS, LEVEL_VALUES, SEVERITIES, type CompiledCatalog, type Level, type Severity } from '../schema/compiled.js'
import type { LogLine } from '../core/line.js'
import { compileAlertTables, type AlertTables } from './alert-tables.js'
import { isLevel, levelOf } from './level.js'
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

function dedupe(names: Iterable<string>, known: CompiledCatalog['destinations']): string[] {
  const out: string[] = []
  for (const name of names) if (name in known && !out.includes(name)) out.push(name)
  return out
}

function perLevel(build: (level: Level) => string[]): LevelTable {
  const table = {} as Record<Level, readonly string[]>
  for (const level of LEVELS) table[level] = Object.freeze(build(level))
  return table
}

/** Level-routed destinations for a line at `level`, after each destination's own `level` filter. */
function levelRouted(catalog: CompiledCatalog, level: Level): string[] {
  const names: string[] = []
  for (const [key, targets] of Object.entries(catalog.routes)) {
    if (!isLevel(key) || LEVEL_VALUES[key] > LEVEL_VALUES[level]) continue
    for (const name of targets) {
      const floor = catalog.destinations[name]?.level
      if (floor !== undefined && LEVEL_VALUES[floor] > LEVEL_VALUES[level]) continue
      names.push(name)
    }
  }
  return dedupe(names, catalog.destinations)
}

function severityRouted(catalog: CompiledCatalog, severity: Severity | undefined): string[] {
  if (severity === undefined || !(SEVERITIES as readonly string[]).includes(severity)) return []
  return catalog.routes[severity] ?? []
}

export function compileRouter(catalog: CompiledCatalog): CompiledRouter {
  const byLevel = perLevel((level) => levelRouted(catalog, level))
  const events = new Map<string, EventRoutes>()
  for (const event of Object.values(catalog.events)) {
    const all = perLevel((level) =>
      dedupe([...event.to, ...byLevel[level], ...severityRouted(catalog, event.severity)], catalog.destinations),
    )
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
