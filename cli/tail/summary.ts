/** What `linecast tail` saw, printed to stderr when it stops (end of input, child exit, Ctrl-C). */
import { LEVELS, type Level } from '../../schema/compiled.js'
import { escapeControls } from './escape.js'
import { eventName } from './filter.js'
import { INVALID_EVENT, type TailLine } from './line.js'

export interface TailSummary {
  /** every line read */
  read: number
  /** lines that passed the filters */
  shown: number
  /** shown lines that were not JSON */
  raw: number
  byLevel: Partial<Record<Level, number>>
  byEvent: Record<string, number>
  invalid: number
  /** invalid events by the name they were emitted as */
  invalidByEvent: Record<string, number>
  /** lines longer than the line cap, of which only the head was kept */
  cut: number
}

export function createSummary(): TailSummary {
  return {
    read: 0,
    shown: 0,
    raw: 0,
    byLevel: {},
    byEvent: Object.create(null) as Record<string, number>,
    invalid: 0,
    invalidByEvent: Object.create(null) as Record<string, number>,
    cut: 0,
  }
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

/** Counts a line that passed the filters (call `summary.read++` for every line read). */
export function countShown(summary: TailSummary, line: TailLine): void {
  summary.shown++
  if (line.type === 'raw') {
    summary.raw++
    return
  }
  const { record, level } = line
  if (level) summary.byLevel[level] = (summary.byLevel[level] ?? 0) + 1
  if (record.event === INVALID_EVENT) {
    summary.invalid++
    bump(summary.invalidByEvent, eventName(record) ?? '?')
    return
  }
  if (typeof record.event === 'string') bump(summary.byEvent, record.event)
}

function list(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([name, n]) => `${escapeControls(name)} ${n}`)
    .join(', ')
}

export function renderSummary(summary: TailSummary): string[] {
  const head = `linecast tail: ${summary.shown} shown of ${summary.read} lines read` +
    (summary.raw > 0 ? ` (${summary.raw} not JSON)` : '')
  const lines = [head]
  const levels = LEVELS.filter((level) => summary.byLevel[level]).map((level) => `${level} ${summary.byLevel[level]}`)
  if (levels.length > 0) lines.push(`  by level: ${levels.join(', ')}`)
  if (Object.keys(summary.byEvent).length > 0) lines.push(`  by event: ${list(summary.byEvent)}`)
  lines.push(
    `  invalid events: ${summary.invalid}` + (summary.invalid > 0 ? ` (${list(summary.invalidByEvent)})` : ''),
  )
  if (summary.cut > 0) lines.push(`  cut lines: ${summary.cut} (longer than the line cap; only their head was kept)`)
  return lines
}
