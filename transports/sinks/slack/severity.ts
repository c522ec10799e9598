/** Which severity a Slack message carries, and how each severity looks. */
import { SEVERITIES, type CompiledCatalog, type Level, type Severity } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'

export interface SeverityStyle {
  emoji: string
  label: string
}

export const SEVERITY_STYLES: Readonly<Record<Severity, SeverityStyle>> = {
  p0: { emoji: ':rotating_light:', label: 'P0' },
  p1: { emoji: ':red_circle:', label: 'P1' },
  p2: { emoji: ':large_orange_circle:', label: 'P2' },
  p3: { emoji: ':large_blue_circle:', label: 'P3' },
}

const BY_LEVEL: Readonly<Record<Level, Severity>> = {
  fatal: 'p0',
  error: 'p1',
  warn: 'p2',
  info: 'p3',
  debug: 'p3',
  trace: 'p3',
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)
}

/**
 * The line's own `severity` field (an alert carries its rule's), else the severity of the alert
 * rule it names, else the event's catalog severity, else one derived from the level
 * (fatal p0, error p1, warn p2, below p3).
 */
export function severityOf(line: LogLine, catalog: CompiledCatalog): Severity {
  if (isSeverity(line.severity)) return line.severity
  const rule = typeof line.rule === 'string' ? catalog.alerts[line.rule] : undefined
  if (rule?.severity) return rule.severity
  const event = line.event ? catalog.events[line.event] : undefined
  if (event?.severity) return event.severity
  return BY_LEVEL[line.level] ?? 'p3'
}
