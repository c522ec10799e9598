/**
 * One event present in both catalogs: its properties, its distinct id, the
 * destinations it reaches (its own `to` plus the routes its level and
 * severity take, as the docs compute them), and its other settings.
 */
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import type { DiagnosticPath } from '../diagnostics.js'
import { eventDestinations, type EventDestination } from '../generate/destinations.js'
import { compareEventProperties } from './properties.js'
import type { CatalogChange } from './types.js'

/** Settings whose change is reported without being breaking or an addition. */
const SETTINGS = ['kind', 'level', 'severity', 'owner', 'deprecated', 'sample', 'message'] as const

function show(value: unknown): string {
  if (value === undefined) return 'none'
  return typeof value === 'string' ? `\`${value}\`` : JSON.stringify(value)
}

function compareDistinctId(before: CompiledEvent, after: CompiledEvent): CatalogChange[] {
  if (before.distinctId === after.distinctId) return []
  return [
    {
      impact: 'breaking',
      code: 'distinct_id_changed',
      event: after.name,
      message: `\`${after.name}\` distinctId ${show(before.distinctId)} -> ${show(after.distinctId)}: PostHog persons and audit users are keyed differently from now on`,
      path: ['events', after.name, 'distinctId'],
      side: 'current',
    },
  ]
}

function compareSettings(before: CompiledEvent, after: CompiledEvent): CatalogChange[] {
  const out: CatalogChange[] = []
  for (const key of SETTINGS) {
    if (before[key] === after[key]) continue
    out.push({
      impact: 'change',
      code: 'event_changed',
      event: after.name,
      message: `\`${after.name}\` ${key} ${show(before[key])} -> ${show(after[key])}`,
      path: ['events', after.name, key],
      side: after[key] === undefined ? 'base' : 'current',
    })
  }
  if (JSON.stringify(before.audit) !== JSON.stringify(after.audit)) {
    out.push({
      impact: 'change',
      code: 'event_changed',
      event: after.name,
      message: `\`${after.name}\` audit mapping ${show(before.audit)} -> ${show(after.audit)}`,
      path: ['events', after.name, 'audit'],
      side: after.audit === undefined ? 'base' : 'current',
    })
  }
  return out
}

/** Where a reached destination comes from: the event's `to` entry, or the route that sends it. */
function destinationPath(event: CompiledEvent, reached: EventDestination): DiagnosticPath {
  if (reached.via === 'to') return ['events', event.name, 'to', event.to.indexOf(reached.name)]
  const route = reached.via.slice(reached.via.indexOf(':') + 1)
  return ['routes', route]
}

function viaText(reached: EventDestination): string {
  return reached.via === 'to' ? 'named by the event' : `through route \`${reached.via.slice(reached.via.indexOf(':') + 1)}\``
}

function compareDestinations(base: CompiledCatalog, current: CompiledCatalog, before: CompiledEvent, after: CompiledEvent): CatalogChange[] {
  const was = eventDestinations(base, before)
  const now = eventDestinations(current, after)
  const out: CatalogChange[] = []
  for (const reached of was) {
    if (now.some((d) => d.name === reached.name)) continue
    out.push({
      impact: 'change',
      code: 'destination_removed',
      event: after.name,
      message: `\`${after.name}\` no longer reaches \`${reached.name}\` (it did ${viaText(reached)})`,
      path: destinationPath(before, reached),
      side: 'base',
    })
  }
  for (const reached of now) {
    if (was.some((d) => d.name === reached.name)) continue
    out.push({
      impact: 'addition',
      code: 'destination_added',
      event: after.name,
      message: `\`${after.name}\` now reaches \`${reached.name}\` (${viaText(reached)})`,
      path: destinationPath(after, reached),
      side: 'current',
    })
  }
  return out
}

export function compareEvent(base: CompiledCatalog, current: CompiledCatalog, before: CompiledEvent, after: CompiledEvent): CatalogChange[] {
  return [
    ...compareEventProperties(after.name, before.properties, after.properties),
    ...compareDistinctId(before, after),
    ...compareDestinations(base, current, before, after),
    ...compareSettings(before, after),
  ]
}
