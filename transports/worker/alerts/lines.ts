/**
 * The one line a firing rule produces, sent to the rule's `to` destinations
 * besides the catalog's routes: `alert_triggered` with the figures, or, for a
 * rule summing a cost event, `cost_anomaly_detected` with the same figures
 * (one alert per rule and window, so Slack and Sentry hear of it once).
 */
import { randomUUID } from 'node:crypto'
import type { AlertRule, CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../delivery/types.js'

export interface AlertLine {
  line: LogLine
  /** destinations besides the ones the router picks for the line */
  to: readonly string[]
}

/** 6 decimals, enough for USD and milliseconds alike. */
function figure(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/** The rule's own destinations and those of its severity route. */
export function ruleDestinations(catalog: CompiledCatalog, rule: AlertRule): string[] {
  const names = [...rule.to, ...(rule.severity !== undefined ? (catalog.routes[rule.severity] ?? []) : [])]
  return [...new Set(names)].filter((name) => name in catalog.destinations)
}

function isCostRule(catalog: CompiledCatalog, rule: AlertRule): boolean {
  const event = rule.when.event !== undefined ? catalog.events[rule.when.event] : undefined
  return event?.kind === 'cost' && rule.when.measure === 'sum'
}

export function alertLines(catalog: CompiledCatalog, rule: AlertRule, value: number, windowStart: number, now: number): AlertLine[] {
  const time = new Date(now).toISOString()
  const base = { time, service: catalog.service, kind: 'metric' }
  const shown = figure(value)
  const triggered: LogLine = {
    level: catalog.events['alert_triggered']?.level ?? 'warn',
    ...base,
    eventId: randomUUID(),
    event: 'alert_triggered',
    rule: rule.name,
    measure: rule.when.measure,
    value: shown,
    threshold: rule.when.above,
    window: rule.when.over,
    windowStart: new Date(windowStart).toISOString(),
    ...(rule.severity !== undefined ? { severity: rule.severity } : {}),
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    msg: `Alert ${rule.name}: ${rule.when.measure} ${shown} above ${rule.when.above} over ${rule.when.over}`,
  }
  const to = ruleDestinations(catalog, rule)
  if (!isCostRule(catalog, rule) || catalog.events['cost_anomaly_detected'] === undefined) return [{ line: triggered, to }]
  const ratio = rule.when.above > 0 ? figure(value / rule.when.above) : 0
  const { level: _level, time: at, service, eventId: _id, event: _event, msg: _msg, ...figures } = triggered
  return [
    {
      line: {
        level: catalog.events['cost_anomaly_detected']?.level ?? 'warn',
        time: at,
        service,
        eventId: randomUUID(),
        event: 'cost_anomaly_detected',
        ...figures,
        cost: shown,
        baseline: rule.when.above,
        ratio,
        msg: `AI spend ${shown} USD over ${rule.when.over} is ${ratio}x the usual ${rule.when.above} USD (alert ${rule.name})`,
      },
      to,
    },
  ]
}
