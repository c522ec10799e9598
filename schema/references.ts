/**
 * Cross-references, checked on the merged catalog: destinations named in
 * `to`, `routes` and `alerts.to`; fields named by `distinctId`, message
 * placeholders and audit mappings; events and numeric properties named by
 * alert rules.
 */
import type { PropertySpec } from './compiled.js'
import { pathText, type DiagnosticPath } from './diagnostics.js'
import type { CatalogModel, EventModel } from './model.js'
import type { Reporter } from './report.js'
import type { Source } from './source.js'
import { suggestion } from './suggest.js'

/** The spec of a property path (`customer.email`), or undefined. */
export function findProperty(properties: Record<string, PropertySpec>, ref: string): PropertySpec | undefined {
  let current: Record<string, PropertySpec> | undefined = properties
  let spec: PropertySpec | undefined
  for (const segment of ref.split('.')) {
    if (!current || !Object.hasOwn(current, segment)) return undefined
    spec = current[segment]
    current = spec?.type === 'object' ? spec.properties : undefined
  }
  return spec
}

/** Names a field may refer to: the event's properties and the correlation context. */
function fieldNames(event: EventModel, context: readonly string[]): string[] {
  return [...Object.keys(event.properties), ...context]
}

function fieldExists(event: EventModel, context: readonly string[], ref: string): boolean {
  return context.includes(ref) || findProperty(event.properties, ref) !== undefined
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.]*)\}/g

/** The destinations `to`, `routes` and alerts may name: the usable ones, and the ones whose own problem is already reported. */
interface KnownDestinations {
  usable: readonly string[]
  unusable: readonly string[]
}

function checkDestinations(
  report: Reporter,
  source: Source,
  names: readonly string[],
  path: DiagnosticPath,
  known: KnownDestinations,
): void {
  const destinations = known.usable
  names.forEach((name, index) => {
    if (destinations.includes(name) || known.unusable.includes(name)) return
    const hint = destinations.length === 0 ? '; declare it under `destinations:`' : suggestion(name, destinations)
    report.error(source, [...path, index], 'LC_UNKNOWN_DESTINATION', `unknown destination \`${name}\` in ${pathText(path)}${hint}`)
  })
}

function checkEventFields(report: Reporter, event: EventModel, context: readonly string[]): void {
  const path = ['events', event.name]
  const known = fieldNames(event, context)
  const unknown = (ref: string): string =>
    `\`${ref}\` is neither a property of \`${event.name}\` nor a context field${suggestion(ref, known)}`
  if (event.distinctId !== undefined && !fieldExists(event, context, event.distinctId)) {
    report.error(event.source, [...path, 'distinctId'], 'LC_UNKNOWN_DISTINCT_ID', `distinctId ${unknown(event.distinctId)}`)
  }
  if (event.message !== undefined) {
    for (const match of event.message.matchAll(PLACEHOLDER)) {
      const ref = (match[1] ?? '').trim()
      if (!fieldExists(event, context, ref))
        report.error(event.source, [...path, 'message'], 'LC_UNKNOWN_PLACEHOLDER', `message placeholder {${ref}}: ${unknown(ref)}`)
    }
  }
  const resourceId = event.audit?.resourceId
  if (resourceId !== undefined && !fieldExists(event, context, resourceId)) {
    report.error(event.source, [...path, 'audit', 'resourceId'], 'LC_UNKNOWN_AUDIT_FIELD', `audit.resourceId ${unknown(resourceId)}`)
  }
}

function checkAlerts(report: Reporter, model: CatalogModel, destinations: KnownDestinations): void {
  const eventNames = Object.keys(model.events)
  for (const alert of Object.values(model.alerts)) {
    const path = ['alerts', alert.name]
    checkDestinations(report, alert.source, alert.to, [...path, 'to'], destinations)
    const { event: eventName, measure, property } = alert.when
    if (eventName === undefined) continue
    const event = Object.hasOwn(model.events, eventName) ? model.events[eventName] : undefined
    if (!event) {
      report.error(
        alert.source,
        [...path, 'when', 'event'],
        'LC_UNKNOWN_EVENT',
        `alert \`${alert.name}\` watches unknown event \`${eventName}\`${suggestion(eventName, eventNames)}`,
      )
      continue
    }
    if (measure === undefined || measure === 'count' || property === undefined) continue
    const spec = findProperty(event.properties, property)
    const at = [...path, 'when', measure]
    if (!spec) {
      report.error(
        alert.source,
        at,
        'LC_ALERT_PROPERTY',
        `alert \`${alert.name}\` measures \`${property}\`, which \`${eventName}\` does not have${suggestion(property, Object.keys(event.properties))}`,
      )
    } else if (spec.type !== 'integer' && spec.type !== 'number') {
      report.error(
        alert.source,
        at,
        'LC_ALERT_PROPERTY',
        `alert \`${alert.name}\` takes the ${measure} of \`${eventName}.${property}\`, a ${spec.type}; measure an integer or number property`,
      )
    }
  }
}

export function checkReferences(model: CatalogModel, report: Reporter): void {
  const destinations: KnownDestinations = { usable: Object.keys(model.destinations), unusable: model.unusableDestinations ?? [] }
  for (const [key, names] of Object.entries(model.routes)) {
    checkDestinations(report, model.source, names, ['routes', key], destinations)
  }
  for (const event of Object.values(model.events)) {
    checkDestinations(report, event.source, event.to, ['events', event.name, 'to'], destinations)
    checkEventFields(report, event, model.context)
  }
  checkAlerts(report, model, destinations)
}
