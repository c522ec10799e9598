/**
 * Pretty one-line output of `linecast tail`:
 * `HH:MM:SS.mmm LEVEL event  key=value …  req=<requestId>`.
 * Every piece taken from the line is escaped (escape.ts) before the palette
 * adds its own colour codes: the log never writes a control sequence.
 */
import { RESERVED_FIELDS, type CompiledCatalog, type Level } from '../../schema/compiled.js'
import type { Palette } from './color.js'
import { escapeControls } from './escape.js'
import { INVALID_EVENT, firstIssue, type TailLine } from './line.js'
import { formatValue } from './values.js'

export interface FormatOptions {
  palette: Palette
  /** clock of the HH:MM:SS.mmm column; defaults to the machine's local time */
  timeZone?: 'local' | 'utc'
  /** when given, an event shows its catalog properties; otherwise every non-standard field */
  compiled?: CompiledCatalog
}

/** Fields every line carries (the reserved ones and a few more), never shown as properties. */
const STANDARD: ReadonlySet<string> = new Set([...RESERVED_FIELDS, 'v', 'requestId', 'jobId', 'invalidEvent', 'issues'])

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export function formatTime(value: unknown, timeZone: 'local' | 'utc' = 'local'): string {
  const date = typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) return '--:--:--.---'
  return timeZone === 'utc'
    ? `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
    : `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

function levelLabel(level: Level | undefined, raw: unknown): string {
  const label = level ? level.toUpperCase() : typeof raw === 'string' ? escapeControls(raw.toUpperCase()) : '?'
  return label.padEnd(5)
}

function propertyKeys(record: Record<string, unknown>, compiled: CompiledCatalog | undefined): string[] {
  const event = typeof record.event === 'string' ? compiled?.events[record.event] : undefined
  if (event) return Object.keys(event.properties).filter((key) => record[key] !== undefined)
  return Object.keys(record).filter((key) => !STANDARD.has(key))
}

function errorText(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined
  const e = err as Record<string, unknown>
  const type = typeof e.type === 'string' ? e.type : 'Error'
  return typeof e.message === 'string' ? `${type}: ${e.message}` : type
}

function head(record: Record<string, unknown>, palette: Palette): string {
  const event = typeof record.event === 'string' ? escapeControls(record.event) : undefined
  const msg = typeof record.msg === 'string' ? escapeControls(record.msg) : ''
  if (record.event === INVALID_EVENT) {
    const name = typeof record.invalidEvent === 'string' ? escapeControls(record.invalidEvent) : '?'
    const issue = firstIssue(record)
    const detail = issue
      ? escapeControls(`${issue.path === '' ? '' : `${issue.path}: `}${issue.message}${issue.code ? ` (${issue.code})` : ''}`)
      : msg
    return `${palette.invalid('✖ INVALID EVENT')} ${palette.event(name)}  ${detail}`
  }
  if (event !== undefined && event.startsWith('linecast.')) {
    return msg === '' ? palette.system(event) : `${palette.system(event)} ${msg}`
  }
  if (event !== undefined) return palette.event(event)
  return msg
}

/** A cut line: its head as raw text, then a marker saying how long it was. */
export function formatCutLine(head: string, bytes: number, palette: Palette): string {
  return `${escapeControls(head)}${palette.invalid(`…[line cut: ${bytes} bytes, showing the first ${Buffer.byteLength(head)}]`)}`
}

/** One record as a pretty line; raw text comes back as it was, control characters escaped. */
export function formatLine(line: TailLine, options: FormatOptions): string {
  if (line.type === 'raw') return escapeControls(line.text)
  const { record, level } = line
  const { palette } = options
  const parts = [
    palette.dim(formatTime(record.time, options.timeZone)),
    palette.level(level, levelLabel(level, record.level)),
    head(record, palette),
  ]
  const props = propertyKeys(record, options.compiled).map(
    (key) => `${palette.key(`${escapeControls(key)}=`)}${formatValue(key, record[key])}`,
  )
  const err = errorText(record.err)
  if (err !== undefined) props.push(`${palette.key('err=')}${formatValue('err', err)}`)
  if (props.length > 0) parts.push(props.join(' '))
  const ids: string[] = []
  if (record.requestId !== undefined) ids.push(`req=${formatValue('requestId', record.requestId)}`)
  if (record.jobId !== undefined) ids.push(`job=${formatValue('jobId', record.jobId)}`)
  if (ids.length > 0) parts.push(palette.dim(ids.join(' ')))
  return parts.filter((part) => part !== '').join(' ')
}
