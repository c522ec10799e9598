/** The checked catalog model -> the plain-data `CompiledCatalog` the runtime reads. */
import type { AlertRule, CompiledCatalog, CompiledEvent, Threshold } from './compiled.js'
import { helperName } from './define.js'
import { dict, dictOf } from './dict.js'
import type { AlertModel, CatalogModel, EventModel } from './model.js'
import { piiPaths } from './pii.js'
import { DEFAULT_THRESHOLDS } from './read/sections.js'

export { DEFAULT_THRESHOLDS }

export function defaultLevel(event: Pick<EventModel, 'kind' | 'level'>): CompiledEvent['level'] {
  return event.level ?? (event.kind === 'error' ? 'error' : 'info')
}

export function compileEvent(event: EventModel): CompiledEvent {
  const out: CompiledEvent = {
    name: event.name,
    helper: helperName(event.name),
    kind: event.kind,
    description: event.description ?? '',
    level: defaultLevel(event),
    version: event.version ?? 1,
    to: [...event.to],
    properties: event.properties,
    pii: piiPaths(event.properties),
  }
  if (event.owner !== undefined) out.owner = event.owner
  if (event.severity !== undefined) out.severity = event.severity
  if (event.distinctId !== undefined) out.distinctId = event.distinctId
  if (event.message !== undefined) out.message = event.message
  if (event.deprecated !== undefined) out.deprecated = event.deprecated
  if (event.sample !== undefined) out.sample = event.sample
  if (event.audit !== undefined) out.audit = { ...event.audit }
  if (event.builtin) out.builtin = true
  if (event.runtimes !== undefined) out.runtimes = [...event.runtimes]
  return out
}

export function compileAlert(alert: AlertModel): AlertRule {
  const { when } = alert
  const rule: AlertRule = {
    name: alert.name,
    when: {
      measure: when.measure ?? 'count',
      windowMs: when.windowMs ?? 0,
      over: when.over ?? '',
      above: when.above ?? 0,
    },
    to: [...alert.to],
  }
  if (alert.description !== undefined) rule.description = alert.description
  if (when.event !== undefined) rule.when.event = when.event
  if (when.level !== undefined) rule.when.level = when.level
  if (when.property !== undefined) rule.when.property = when.property
  if (alert.severity !== undefined) rule.severity = alert.severity
  return rule
}

export function compileThresholds(written: CatalogModel['thresholds']): Record<string, Threshold> {
  const out = dict<Threshold>()
  for (const [name, threshold] of Object.entries(DEFAULT_THRESHOLDS)) out[name] = { ...threshold }
  for (const [name, threshold] of Object.entries(written)) {
    const base = out[name]
    out[name] = { warnMs: threshold.warnMs ?? base?.warnMs ?? 0, criticalMs: threshold.criticalMs ?? base?.criticalMs ?? 0 }
  }
  return out
}

export function compileCatalog(model: CatalogModel): CompiledCatalog {
  const compiled: CompiledCatalog = {
    catalog: 1,
    service: model.service ?? '',
    redact: [...model.redact],
    context: [...model.context],
    ...(model.contextTypes === undefined ? {} : { contextTypes: model.contextTypes }),
    destinations: model.destinations,
    routes: model.routes,
    events: dictOf(Object.entries(model.events).map(([name, event]) => [name, compileEvent(event)] as const)),
    pricing: model.pricing,
    alerts: dictOf(Object.entries(model.alerts).map(([name, alert]) => [name, compileAlert(alert)] as const)),
    flags: model.flags,
    thresholds: compileThresholds(model.thresholds),
  }
  if (model.piiKey !== undefined) compiled.piiKey = model.piiKey
  if (model.environment !== undefined) compiled.environment = model.environment
  if (model.release !== undefined) compiled.release = model.release
  if (model.targets !== undefined) compiled.targets = [...model.targets]
  if (model.delivery !== undefined) compiled.delivery = { ...model.delivery }
  return compiled
}
