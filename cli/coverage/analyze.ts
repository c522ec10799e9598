/**
 * Catalog vs source: which declared events are never emitted, and which emit
 * calls name an event the catalog does not declare.
 */
import type { CompiledCatalog } from '../../schema/compiled.js'
import { helperName } from '../../schema/define.js'
import { closest } from '../../schema/suggest.js'
import { findEmitCalls, type EmitCall } from './calls.js'

export interface UnknownCall extends EmitCall {
  /** path relative to the scanned directory */
  file: string
  /** a catalog event (keyed) or helper (helper form) the name is probably a typo of */
  didYouMean?: string
}

export interface CoverageReport {
  files: number
  calls: number
  /** catalog events that are not built in */
  total: number
  /** each declared event with the number of calls naming it (built-ins only when called) */
  emitted: Record<string, number>
  /** declared, not built in, never called */
  unused: string[]
  unknown: UnknownCall[]
}

export interface SourceFile {
  path: string
  text: string
}

/**
 * Node EventEmitter and common client events: `socket.emit('close')`,
 * `queue.emit('error', …)` are not catalog events and are never reported.
 */
const EMITTER_EVENTS = new Set([
  'abort', 'close', 'connect', 'connection', 'data', 'disconnect', 'drain', 'end', 'error', 'exit', 'finish',
  'listening', 'message', 'open', 'pipe', 'ready', 'request', 'response', 'timeout', 'unpipe', 'upgrade', 'readable',
  'pause', 'resume', 'spawn', 'secure', 'change', 'progress', 'done', 'start', 'stop', 'line', 'warning', 'online',
  'reconnecting', 'failed', 'completed', 'active', 'waiting', 'stalled', 'drained', 'removed', 'paused', 'resumed',
])

/** Keyed names shaped like catalog event names; `level-change`, `newListener` are EventEmitter's. */
const EVENT_NAME = /^[a-z][a-z0-9_.]*$/

export function analyzeCoverage(catalog: CompiledCatalog, files: readonly SourceFile[]): CoverageReport {
  const events = Object.values(catalog.events)
  const byHelper = new Map(events.map((e) => [e.helper || helperName(e.name), e.name]))
  const emitted: Record<string, number> = {}
  const unknown: UnknownCall[] = []
  let calls = 0
  for (const file of files) {
    for (const call of findEmitCalls(file.text)) {
      const event = call.form === 'helper' ? byHelper.get(call.name) : catalog.events[call.name]?.name
      if (event !== undefined) {
        calls++
        emitted[event] = (emitted[event] ?? 0) + 1
        continue
      }
      if (call.form === 'keyed' && (!EVENT_NAME.test(call.name) || EMITTER_EVENTS.has(call.name))) continue
      calls++
      const near = call.form === 'helper' ? closest(call.name, byHelper.keys()) : closest(call.name, Object.keys(catalog.events))
      unknown.push(near === undefined ? { ...call, file: file.path } : { ...call, file: file.path, didYouMean: near })
    }
  }
  const declared = events.filter((e) => e.builtin !== true)
  return {
    files: files.length,
    calls,
    total: declared.length,
    emitted,
    unused: declared.filter((e) => emitted[e.name] === undefined).map((e) => e.name),
    unknown,
  }
}
