/**
 * A stream entry's text -> the line the relay routes. A line without an
 * eventId gets one derived from the stream and the entry id (a name-based
 * UUID), so a line sent again after a relay died carries the same
 * idempotency key as the first time; numeric levels and times are made the
 * strings every sink expects.
 */
import { createHash } from 'node:crypto'
import type { LogLine } from '../../core/line.js'
import { normalizeLine } from '../line-fields.js'

/** UUID (version 5 layout) naming one entry of one stream. */
export function entryEventId(stream: string, id: string): string {
  const hex = createHash('sha1').update(`${stream}\n${id}`).digest('hex')
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export interface ParsedEntry {
  line: LogLine
  /** the text to deliver: the entry's own, or the line written again when a field was added or normalised */
  raw: string
}

/** undefined when the text is not a JSON object */
export function parseEntry(raw: string, eventIdOf: () => string): ParsedEntry | undefined {
  let value: Record<string, unknown>
  try {
    value = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const { line, changed } = normalizeLine(value, eventIdOf)
  return { line, raw: changed ? JSON.stringify(line) : raw }
}
