/**
 * The control protocol between the main thread and the transport worker.
 * Main -> worker: a control line written in the same stream as the log lines,
 * so it is ordered after every line written before it. Worker -> main:
 * thread-stream's EVENT message, re-emitted on the pino transport stream.
 */
import type { DeliveryStats } from './worker/delivery/stats.js'
import type { LogLine } from './worker/delivery/types.js'

export const CONTROL_PREFIX = '{"$linecast":'

export type ControlMessage =
  | { $linecast: 'flush'; id: number }
  | { $linecast: 'stats'; id: number }
  /** deliver within the budget, spool the rest, close the sinks; answered with linecast:flushed */
  | { $linecast: 'drain'; id: number }
  | { $linecast: 'ingest'; path: string }

export function controlLine(message: ControlMessage): string {
  return `${JSON.stringify(message)}\n`
}

export function parseControl(raw: string): ControlMessage | undefined {
  try {
    const value = JSON.parse(raw) as Partial<ControlMessage>
    if (value.$linecast === 'flush' || value.$linecast === 'stats' || value.$linecast === 'drain') return typeof (value as { id?: unknown }).id === 'number' ? (value as ControlMessage) : undefined
    if (value.$linecast === 'ingest') return typeof (value as { path?: unknown }).path === 'string' ? (value as ControlMessage) : undefined
  } catch {
    // not a control line
  }
  return undefined
}

/** Event names the worker emits on the transport stream, with their arguments. */
export interface WorkerEvents {
  'linecast:flushed': [id: number]
  'linecast:stats': [id: number, stats: DeliveryStats]
  'linecast:report': [line: LogLine]
}
