/**
 * The filters of `linecast tail`. Different filters combine with AND; repeated
 * `--event` globs and `--kind` values combine with OR.
 */
import { LEVEL_VALUES, type Level } from '../../schema/compiled.js'
import { globToRegExp } from './glob.js'
import { INVALID_EVENT, type TailLine } from './line.js'
import { matchesWhere, type WhereClause } from './where.js'

export interface TailFilterOptions {
  /** event-name globs; an invalid event matches by the name it was emitted as */
  events?: string[]
  /** lowest level shown */
  level?: Level
  kinds?: string[]
  /** one request's story: its lines and the lines of jobs it started */
  request?: string
  where?: WhereClause[]
  /** extra record predicate (the `--dest` routing check) */
  routed?: (record: Record<string, unknown>, level: Level | undefined) => boolean
}

export type TailFilter = (line: TailLine) => boolean

/**
 * Jobs belong to the request they were first seen with: a line carrying both
 * `requestId` and `jobId` ties that job to the request for the rest of the stream.
 */
export class RequestTracker {
  private readonly jobs = new Map<string, string>()

  observe(record: Record<string, unknown>): void {
    const jobId = idOf(record.jobId)
    const requestId = idOf(record.requestId)
    if (jobId !== undefined && requestId !== undefined && !this.jobs.has(jobId)) this.jobs.set(jobId, requestId)
  }

  belongs(record: Record<string, unknown>, requestId: string): boolean {
    if (idOf(record.requestId) === requestId) return true
    const jobId = idOf(record.jobId)
    return jobId !== undefined && this.jobs.get(jobId) === requestId
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

export function hasRecordFilters(options: TailFilterOptions): boolean {
  return Boolean(
    options.events?.length ||
      options.level ||
      options.kinds?.length ||
      options.request !== undefined ||
      options.where?.length ||
      options.routed,
  )
}

/** Builds a stateful filter: feed it every line in stream order (request tracking needs them all). */
export function createFilter(options: TailFilterOptions): TailFilter {
  const patterns = (options.events ?? []).map(globToRegExp)
  const minLevel = options.level === undefined ? undefined : LEVEL_VALUES[options.level]
  const kinds = options.kinds ?? []
  const where = options.where ?? []
  const tracker = options.request === undefined ? undefined : new RequestTracker()
  const anyFilter = hasRecordFilters(options)

  return (line) => {
    // Non-JSON text carries none of the fields filters look at: it shows only when nothing is filtered.
    if (line.type === 'raw') return !anyFilter
    const { record, level } = line
    tracker?.observe(record)
    if (patterns.length > 0) {
      const names = eventNames(record)
      if (!patterns.some((p) => names.some((name) => p.test(name)))) return false
    }
    if (minLevel !== undefined && (level === undefined || LEVEL_VALUES[level] < minLevel)) return false
    if (kinds.length > 0 && !(typeof record.kind === 'string' && kinds.includes(record.kind))) return false
    if (tracker && options.request !== undefined && !tracker.belongs(record, options.request)) return false
    for (const clause of where) if (!matchesWhere(record, clause)) return false
    if (options.routed && !options.routed(record, level)) return false
    return true
  }
}

/** Names a line answers to: its event, and for an invalid event also the name it was emitted as. */
export function eventNames(record: Record<string, unknown>): string[] {
  const names: string[] = []
  if (typeof record.event === 'string') names.push(record.event)
  if (record.event === INVALID_EVENT && typeof record.invalidEvent === 'string') names.push(record.invalidEvent)
  return names
}

/** The event a line is about: for an invalid event, the name it was emitted as. */
export function eventName(record: Record<string, unknown>): string | undefined {
  if (record.event === INVALID_EVENT && typeof record.invalidEvent === 'string') return record.invalidEvent
  return typeof record.event === 'string' ? record.event : undefined
}
