/**
 * The fields every sink relies on, made so on a parsed line: a label level,
 * an ISO time, an eventId (from `newEventId` when the line had none); and one
 * line's JSON text parsed into that line and the text to deliver.
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

export type ParsedLine = { line: LogLine; raw: string } | { error: string }

/** One line's JSON text (secrets already masked) -> the line, and the text each destination gets: its own, or written again when a field was added or normalised. */
export function parseLineText(text: string, newEventId: () => string): ParsedLine {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' }
  const { line, changed } = normalizeLine(value as Record<string, unknown>, newEventId)
  return { line, raw: changed ? JSON.stringify(line) : text }
}
