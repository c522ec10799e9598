/**
 * Every default of the delivery chain, in one place, and how a destination's
 * effective limits are worked out: the sink's own limits replace these
 * defaults (raising them as well as lowering them); the user's options
 * replace both where they name a value.
 */
import type { RetryPolicy } from './retry.js'
import type { SinkLimits } from './types.js'

export type WhenFull = 'drop_oldest' | 'drop_newest' | 'block'

export const DELIVERY_DEFAULTS = {
  /** items in one send when the sink names no limit */
  maxItems: 1000,
  /** encoded bytes in one send when the sink names no limit */
  maxBytes: 5 * 1024 * 1024,
  /** the largest line sent when the sink names no limit; larger lines are cut (see line-size.ts) */
  maxLineBytes: 4 * 1024 * 1024,
  /** sends of one destination under way at once (bench/transports.ts: 4 is where local receivers stop gaining) */
  maxInFlight: 4,
  /** longest a line waits for its batch to fill (ms) */
  lingerMs: 100,
  /** a line not delivered within this window reaches the spool (ms); a SIGKILL loses at most this */
  spoolAfterMs: 1000,
  /** bytes of line text one destination holds in memory before the rest goes to the spool (the parsed lines weigh about 4x that in the heap) */
  queueMaxBytes: 8 * 1024 * 1024,
  /** bytes one destination's spool may hold on disk */
  spoolMaxBytes: 256 * 1024 * 1024,
  whenFull: 'drop_oldest' as WhenFull,
  /** longest `whenFull: block` holds lines waiting for spool room before dropping the newest (ms) */
  blockMs: 1000,
  /** deadline of one send (ms) */
  timeoutMs: 10_000,
  /** no success for this long after a failure: the destination is reported unreachable (ms) */
  unreachableAfterMs: 3000,
  retry: { baseMs: 200, capMs: 30_000, maxRetryAfterMs: 60_000, quotaBackoffMs: 60_000 } satisfies RetryPolicy,
} as const

/** What the chain of one destination works with. */
export interface ChainLimits {
  maxItems: number
  maxBytes: number
  maxLineBytes: number
  maxInFlight: number
  lingerMs: number
  spoolAfterMs: number
  queueMaxBytes: number
  spoolMaxBytes: number
  whenFull: WhenFull
  blockMs: number
  timeoutMs: number
  unreachableAfterMs: number
  retry: RetryPolicy
}

/** The user's options that shape every chain (all optional); item, byte and line limits are the sink's alone. */
export type ChainOptions = Partial<Omit<ChainLimits, 'retry' | 'maxItems' | 'maxBytes' | 'maxLineBytes'>> & { retry?: Partial<RetryPolicy> }

const positive = (value: number | undefined): number | undefined => (value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined)

/** defaults <- the sink's limits <- the user's options */
export function chainLimits(sink: SinkLimits | undefined, options: ChainOptions = {}): ChainLimits {
  const d = DELIVERY_DEFAULTS
  const pick = (key: keyof SinkLimits, fallback: number): number => positive(sink?.[key]) ?? fallback
  const sinkWindow = positive(sink?.maxInFlight)
  const userWindow = positive(options.maxInFlight)
  return {
    maxItems: pick('maxItems', d.maxItems),
    maxBytes: pick('maxBytes', d.maxBytes),
    maxLineBytes: pick('maxLineBytes', d.maxLineBytes),
    // the sink's window replaces the default; the user may lower it, never raise it past what the sink holds
    maxInFlight: userWindow === undefined ? (sinkWindow ?? d.maxInFlight) : Math.min(userWindow, sinkWindow ?? userWindow),
    lingerMs: options.lingerMs ?? d.lingerMs,
    spoolAfterMs: positive(options.spoolAfterMs) ?? d.spoolAfterMs,
    queueMaxBytes: positive(options.queueMaxBytes) ?? d.queueMaxBytes,
    spoolMaxBytes: positive(options.spoolMaxBytes) ?? d.spoolMaxBytes,
    whenFull: options.whenFull ?? d.whenFull,
    blockMs: options.blockMs ?? d.blockMs,
    timeoutMs: positive(options.timeoutMs) ?? d.timeoutMs,
    unreachableAfterMs: positive(options.unreachableAfterMs) ?? d.unreachableAfterMs,
    retry: { ...d.retry, ...options.retry },
  }
}
