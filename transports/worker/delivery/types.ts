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
   * `status`: the HTTP status when there was one; 402 (quota, spending limit) is retried
   * with a long rest and the lines kept in the spool, never dead-lettered.
   */
  | { type: 'reject'; reason: string; items?: number[]; loud?: boolean; status?: number }

/** The fields of a line a destination that reads the line's text relies on besides the text. */
export type LineHead = Pick<LogLine, 'level' | 'time' | 'eventId' | 'event'>

/** a send with its deadline: what every layer of the chain calls */
export type SendFn<Item> = (batch: Item[], signal: AbortSignal) => Promise<Outcome>

/**
 * What a destination can take. The delivery layer fills batches up to these
 * limits (a sink's limits raise the defaults as well as lower them) and keeps
 * up to `maxInFlight` sends of one destination under way at once.
 */
export interface SinkLimits {
  /** most items in one send */
  maxItems?: number
  /** most encoded bytes in one send (the sum of each item's `itemBytes`) */
  maxBytes?: number
  /** largest single line the destination takes (bytes of the raw line); larger lines are cut or dead-lettered, never sent */
  maxLineBytes?: number
  /** most sends of this destination under way at once (every sink is idempotent on eventId) */
  maxInFlight?: number
}

export interface Sink<Item = unknown> {
  /** destination name from the catalog */
  readonly name: string
  readonly limits?: SinkLimits
  /**
   * One routed line -> the item this destination takes; throwing dead-letters that line alone.
   * `raw` is the line's JSON text as the emitter wrote it (no trailing newline), with secrets
   * masked again, so a sink whose format allows it can splice it into the body without
   * re-serializing the parsed line (the delivery layer always passes it; direct callers may not).
   */
  encode(line: LogLine, raw?: string): Item
  /**
   * Set when the item is built from the line's text and its head alone: the
   * delivery layer then keeps only the text and the head of a waiting line
   * (not the parsed line, which would live until the batch is answered) and
   * encodes with this instead of `encode`.
   */
  encodeText?(head: LineHead, raw: string): Item
  /** the item's size in bytes, for `maxBytes` (default: the raw line's length) */
  itemBytes?(item: Item): number
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
