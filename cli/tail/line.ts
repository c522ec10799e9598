/**
 * One line read by `linecast tail`: either a JSON record (a pino line, from
 * linecast or any other pino logger) or raw text that passes through untouched.
 */
import { LEVELS, type Level } from '../../schema/compiled.js'

export type TailLine =
  | { type: 'record'; text: string; record: Record<string, unknown>; level: Level | undefined }
  | { type: 'raw'; text: string }

/** pino's numeric levels: 10 trace … 60 fatal; values in between round down. */
export function levelOf(value: unknown): Level | undefined {
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    return (LEVELS as readonly string[]).includes(lower) ? (lower as Level) : undefined
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value < 10) return undefined
    const index = Math.min(Math.floor(value / 10) - 1, LEVELS.length - 1)
    return LEVELS[index]
  }
  return undefined
}

export function parseLine(text: string): TailLine {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return { type: 'raw', text }
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch {
    return { type: 'raw', text }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { type: 'raw', text }
  const record = parsed as Record<string, unknown>
  return { type: 'record', text, record, level: levelOf(record.level) }
}

/** Dotted path lookup (`err.message`, `usage.tokens`) over own fields only; undefined when any step is missing. */
export function fieldAt(record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path]
  let current: unknown = record
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined
    current = (current as Record<string, unknown>)[step]
  }
  return current
}

export const INVALID_EVENT = 'linecast.invalid_event'

export interface InvalidIssue {
  path: string
  code?: string
  message: string
}

/** The first issue of a `linecast.invalid_event` line, in a readable form. */
export function firstIssue(record: Record<string, unknown>): InvalidIssue | undefined {
  const issues = record.issues
  if (!Array.isArray(issues) || issues.length === 0) return undefined
  const first: unknown = issues[0]
  if (first === null || typeof first !== 'object') return undefined
  const issue = first as Record<string, unknown>
  const path = Array.isArray(issue.path) ? issue.path.join('.') : typeof issue.path === 'string' ? issue.path : ''
  const message = typeof issue.message === 'string' ? issue.message : 'invalid'
  return typeof issue.code === 'string' ? { path, code: issue.code, message } : { path, message }
}
