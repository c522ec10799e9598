/**
 * The compatibility diff between two compiled catalogs: every change,
 * classified as breaking, an addition, or a neutral change. Pure: no I/O, no
 * positions (see `locate.ts`), deterministic order (events by name, then the
 * order each comparison finds them in).
 */
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import { compareEvent } from './events.js'
import { pairEventRenames } from './renames.js'
import type { CatalogChange } from './types.js'

function eventAdded(event: CompiledEvent): CatalogChange {
  return {
    impact: 'addition',
    code: 'event_added',
    event: event.name,
    message: `new event \`${event.name}\` (${event.kind})`,
    path: ['events', event.name],
    side: 'current',
  }
}

function eventRemoved(event: CompiledEvent): CatalogChange {
  const hint = event.deprecated === undefined ? '; deprecate it first (`deprecated: <reason>`) and remove it once no code emits it' : ''
  return {
    impact: 'breaking',
    code: 'event_removed',
    event: event.name,
    message: `event \`${event.name}\` was removed: code emitting it no longer compiles${hint}`,
    path: ['events', event.name],
    side: 'base',
  }
}

/**
 * Reported under the old name, so the version rule treats it as the removal it
 * is for code that emits the old event; located at the new event.
 */
function eventRenamed(from: CompiledEvent, to: CompiledEvent): CatalogChange {
  const hint = from.deprecated === undefined ? `; keep \`${from.name}\` (deprecated) next to \`${to.name}\` until no code emits it` : ''
  return {
    impact: 'breaking',
    code: 'event_renamed',
    event: from.name,
    message: `event \`${from.name}\` was removed and \`${to.name}\` added with the same properties: probably a rename; code emitting \`${from.name}\` no longer compiles${hint}`,
    path: ['events', to.name],
    side: 'current',
  }
}

function compareCatalogDestinations(base: CompiledCatalog, current: CompiledCatalog): CatalogChange[] {
  const out: CatalogChange[] = []
  for (const name of Object.keys(base.destinations).sort()) {
    if (Object.hasOwn(current.destinations, name)) continue
    out.push({
      impact: 'change',
      code: 'catalog_destination_removed',
      message: `destination \`${name}\` was removed`,
      path: ['destinations', name],
      side: 'base',
    })
  }
  for (const name of Object.keys(current.destinations).sort()) {
    if (Object.hasOwn(base.destinations, name)) continue
    const kind = current.destinations[name]?.kind ?? ''
    out.push({
      impact: 'addition',
      code: 'catalog_destination_added',
      message: `new destination \`${name}\` (${kind})`,
      path: ['destinations', name],
      side: 'current',
    })
  }
  return out
}

export function classifyChanges(base: CompiledCatalog, current: CompiledCatalog): CatalogChange[] {
  const names = [...new Set([...Object.keys(base.events), ...Object.keys(current.events)])].sort()
  const removed = names.filter((n) => !Object.hasOwn(current.events, n)).map((n) => base.events[n] as CompiledEvent)
  const added = names.filter((n) => !Object.hasOwn(base.events, n)).map((n) => current.events[n] as CompiledEvent)
  const renames = pairEventRenames(removed, added)
  const renamedTo = new Map(renames.map((r) => [r.to, r.from]))
  const renamedFrom = new Set(renames.map((r) => r.from))
  const out: CatalogChange[] = []
  for (const name of names) {
    const before = base.events[name]
    const after = current.events[name]
    const from = renamedTo.get(name)
    if (from !== undefined && after !== undefined) out.push(eventRenamed(base.events[from] as CompiledEvent, after))
    else if (before === undefined && after !== undefined) out.push(eventAdded(after))
    else if (before !== undefined && after === undefined) {
      if (!renamedFrom.has(name)) out.push(eventRemoved(before))
    }
    else if (before !== undefined && after !== undefined) out.push(...compareEvent(base, current, before, after))
  }
  out.push(...compareCatalogDestinations(base, current))
  return out
}
