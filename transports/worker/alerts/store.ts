/**
 * Where alert windows live: in Redis, shared by every process and machine
 * that writes to the same rule, or in this process's memory.
 */
import type { Bins } from './histogram.js'
import type { WindowFigures } from './window.js'

export interface WindowSpec {
  /** the rule's name; the store adds its own prefix */
  rule: string
  windowMs: number
  /** keep a histogram (percentile measures) */
  histogram: boolean
}

/** What a batch of lines added to a rule, already folded together. */
export interface WindowBatch {
  count: number
  sum: number
  max: number
  /** empty unless the rule keeps a histogram */
  bins: Bins
}

export interface WindowStore {
  /** true when other processes share the windows (Redis) */
  readonly shared: boolean
  /** adds `batch` to the bucket of `time`, then returns the figures of the rolling window ending at `time` */
  add(spec: WindowSpec, batch: WindowBatch, time: number): Promise<WindowFigures>
  /**
   * true for exactly one caller per rule until `ttlMs` (the rule's window) has
   * passed since that claim: one alert per rule and window, however the
   * condition lasts and wherever the window's boundaries fall
   */
  claim(rule: string, ttlMs: number): Promise<boolean>
  close(): Promise<void>
}
