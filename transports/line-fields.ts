/**
 * The fields every sink relies on, made so on a parsed line: a label level,
 * an ISO time, an eventId (from `newEventId` when the line had none).
 */
import type { LogLine } from '../core/line.js'
import { levelOf } from '../router/level.js'

/** `changed`: a field was added or rewritten, so the line's text must be written again. */
export function normalizeLine(value: Record<string, unknown>, newEventId: () => string): { line: LogLine; changed: boolean } {
  let changed = false
  if (typeof value.level !== 'string') {
    value.level = levelOf(value.level)
    changed = true
  }
  if (typeof value.eventId !== 'string') {
    value.eventId = newEventId()
    changed = true
  }
  if (typeof value.time === 'number') {
    value.time = new Date(value.time).toISOString()
    changed = true
  }
  return { line: value as LogLine, changed }
}
