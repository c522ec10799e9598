/**
 * The contract between the shared delivery layer and each destination's sink.
 * A sink knows how to encode a line, send a batch and classify the answer;
 * batching, retry, spool, dead-lettering and counting belong to `delivery/`.
 */
import type { Level } from '../../../core/level.js'
import type { LogLine } from '../../../core/line.js'
export type { LogLine, SerializedError } from '../../../core/line.js'

/** What a send came to; the delivery layer acts on it. */
export type Outcome =
  | { type: 'ok' }
  /** transient: retry with exponential backoff and jitter */
  | { type: 'retry'; reason: string }
  /** the destination said when (429/503 Retry-After) */
  | { type: 'retryAfter'; ms: number; reason: string }
  /** the batch is too large (413): split it and send the halves */
  | { type: 'split'; reason: string }
  /**
   * refused for good (4xx other than 408/429): the batch is dead-lettered.
   * `items` names the culprit indexes when the destination said which; the rest is delivered.
   * `loud`: an account problem (402/403, bad token, quota) reported once at error level.
   */
  | { type: 'reject'; reason: string; items?: number[]; loud?: boolean }

export interface Sink<Item = unknown> {
  /** destination name from the catalog */
  readonly name: string
  /** largest batch this destination accepts, by count and by encoded bytes */
  readonly limits?: { maxItems?: number; maxBytes?: number }
  /** one routed line -> the item this destination takes; throwing dead-letters that line alone */
  encode(line: LogLine): Item
  /** send one batch; must settle before `signal` aborts (the delivery layer's timeout) */
  send(batch: Item[], signal: AbortSignal): Promise<Outcome>
  /** release clients; called once after the last send */
  close?(): Promise<void>
}

export interface SinkContext {
  /** the destination's settings with `${VAR}` already expanded */
  settings: Record<string, unknown>
  /** compiled catalog, for sinks that need event metadata (distinctId, audit mapping) */
  catalog: import('../../../schema/compiled.js').CompiledCatalog
  /** plain-data diagnostics channel: writes a linecast.* line through the worker's own output */
  report: (level: Level, msg: string, fields?: Record<string, unknown>) => void
}
