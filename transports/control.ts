/**
 * The control protocol between the main thread and the transport worker.
 * Main -> worker: a control line written in the same stream as the log lines,
 * so it is ordered after every line written before it. Worker -> main:
 * thread-stream's EVENT message, re-emitted on the pino transport stream.
 * Flush and shutdown carry their deadline (epoch ms): one budget, set once by
 * the main thread, for the whole of it.
 */
import type { DeliveryStats } from './worker/delivery/stats.js'
import type { LogLine } from './worker/delivery/types.js'
import type { Pending } from './worker/delivery/chain.js'

export const CONTROL_PREFIX = '{"$linecast":'

/** A line of the control protocol, not a log line. */
export const isControlLine = (line: string): boolean => line.startsWith(CONTROL_PREFIX)

export type ControlMessage =
  /** deliver every line written before (and everything spooled) by the deadline; answered with linecast:flushed */
  | { $linecast: 'flush'; id: number; deadline: number }
  | { $linecast: 'stats'; id: number }
  /** deliver by the deadline, spool the rest, close the sinks; answered with linecast:flushed */
  | { $linecast: 'shutdown'; id: number; deadline: number }
  /** a sealed segment of the main thread's overflow: route its lines */
  | { $linecast: 'ingest'; path: string }

/** What a flush or shutdown left undelivered, per destination. */
export type FlushResult = Record<string, Pending>

export function controlLine(message: ControlMessage): string {
  return `${JSON.stringify(message)}\n`
}

export function parseControl(raw: string): ControlMessage | undefined {
  let value: Record<string, unknown>
  try {
    value = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return undefined
  }
  const number = (key: string): boolean => typeof value[key] === 'number'
  switch (value.$linecast) {
    case 'flush':
    case 'shutdown':
      return number('id') && number('deadline') ? (value as unknown as ControlMessage) : undefined
    case 'stats':
      return number('id') ? (value as unknown as ControlMessage) : undefined
    case 'ingest':
      return typeof value.path === 'string' ? (value as unknown as ControlMessage) : undefined
    default:
      return undefined
  }
}

/** Event names the worker emits on the transport stream, with their arguments. */
export interface WorkerEvents {
  'linecast:flushed': [id: number, result: FlushResult]
  'linecast:stats': [id: number, stats: DeliveryStats]
  'linecast:report': [line: LogLine]
}
