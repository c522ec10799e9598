/**
 * The pure half of alert rules: which rules a line feeds, and with what value.
 * Windows and thresholds (state over time) live with the alert evaluator.
 */
import { LEVEL_VALUES, type AlertRule } from '../schema/compiled.js'
import type { LogLine } from '../core/line.js'
import { levelOf } from './level.js'
import type { CompiledRouter } from './route.js'

export interface AlertMatch {
  rule: AlertRule
  /** count -> 1; sum/avg/max/pXX -> the measured property's number */
  value: number
}

function measuredValue(rule: AlertRule, line: LogLine): number | undefined {
  if (rule.when.measure === 'count') return 1
  const property = rule.when.property
  if (property === undefined) return undefined
  let value: unknown = line
  for (const part of property.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

export function matchAlerts(router: CompiledRouter, line: LogLine): AlertMatch[] {
  const level = levelOf(line.level)
  const matches: AlertMatch[] = []
  const byEvent = typeof line.event === 'string' ? router.alerts.byEvent.get(line.event) : undefined
  if (byEvent !== undefined) {
    for (const rule of byEvent) {
      const floor = rule.when.level
      if (floor !== undefined && LEVEL_VALUES[level] < LEVEL_VALUES[floor]) continue
      const value = measuredValue(rule, line)
      if (value !== undefined) matches.push({ rule, value })
    }
  }
  for (const rule of router.alerts.byLevel[level]) {
    const value = measuredValue(rule, line)
    if (value !== undefined) matches.push({ rule, value })
  }
  return matches
}
