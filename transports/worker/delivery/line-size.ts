/**
 * The line-size rule: a line larger than the destination's `maxLineBytes` is
 * never sent as it is. Its largest string fields are cut, largest first, each
 * ending in the marker `…[cut N bytes]`, until the line fits; `level`, `time`,
 * `eventId`, `event` and `kind` are never cut. A line that still does not fit
 * (many small fields) is dead-lettered with the reason.
 */
import type { LogLine } from './types.js'

const KEEP = new Set(['level', 'time', 'eventId', 'event', 'kind'])
const MOST_CUTS = 16

export type Sized = { raw: string; line: LogLine; cut: boolean } | { tooLarge: string }

/** UTF-8 size of `text`, without encoding it when its length already decides */
export function byteSize(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

interface StringField {
  holder: Record<string, unknown> | unknown[]
  key: string | number
  length: number
}

function stringFields(value: unknown, top: boolean, out: StringField[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => (typeof v === 'string' ? out.push({ holder: value, key: i, length: v.length }) : stringFields(v, false, out)))
    return
  }
  if (value === null || typeof value !== 'object') return
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (top && KEEP.has(key)) continue
    if (typeof v === 'string') out.push({ holder: value as Record<string, unknown>, key, length: v.length })
    else stringFields(v, false, out)
  }
}

/** Applies the rule to one line; returns it unchanged when it fits. */
export function fitLine(raw: string, line: LogLine, maxLineBytes: number): Sized {
  if (raw.length * 3 <= maxLineBytes) return { raw, line, cut: false }
  let size = byteSize(raw)
  if (size <= maxLineBytes) return { raw, line, cut: false }
  const original = size
  const copy = structuredClone(line)
  const fields: StringField[] = []
  stringFields(copy, true, fields)
  fields.sort((a, b) => b.length - a.length)
  let text = raw
  for (const field of fields.slice(0, MOST_CUTS)) {
    const value = (field.holder as Record<string | number, string>)[field.key] as string
    const over = size - maxLineBytes
    const valueBytes = byteSize(value)
    // bytes per character of this value, so that a multi-byte text is cut far enough at once
    const perChar = valueBytes / Math.max(1, value.length)
    const keep = Math.max(0, Math.floor((valueBytes - over - 64) / perChar))
    ;(field.holder as Record<string | number, string>)[field.key] = `${value.slice(0, keep)}…[cut ${byteSize(value.slice(keep))} bytes]`
    text = JSON.stringify(copy)
    size = byteSize(text)
    if (size <= maxLineBytes) return { raw: text, line: copy, cut: true }
  }
  return { tooLarge: `line of ${original} bytes is larger than the destination takes (${maxLineBytes} bytes) even with its largest fields cut` }
}
