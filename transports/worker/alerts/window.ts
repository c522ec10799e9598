/**
 * Window arithmetic shared by every store. A rule's window is cut into time
 * buckets of window/60 (at least 1 ms); the rolling window is the current
 * bucket and the ones before it, so an update touches one bucket and a read
 * merges a fixed number of them, never a list of past entries.
 */
import type { AlertMeasure } from '../../../schema/compiled.js'
import { quantile, type Bins } from './histogram.js'

export const BUCKETS_PER_WINDOW = 60

export function bucketMsOf(windowMs: number): number {
  return Math.max(1, Math.floor(windowMs / BUCKETS_PER_WINDOW))
}

/** How many buckets the rolling window reads. */
export function bucketCountOf(windowMs: number): number {
  return Math.max(1, Math.ceil(windowMs / bucketMsOf(windowMs)))
}

export function bucketStartOf(time: number, windowMs: number): number {
  const size = bucketMsOf(windowMs)
  return Math.floor(time / size) * size
}

/** Start of the rolling window that ends in the bucket of `time`: its oldest bucket's start. */
export function windowStartOf(time: number, windowMs: number): number {
  return bucketStartOf(time, windowMs) - (bucketCountOf(windowMs) - 1) * bucketMsOf(windowMs)
}

/** What a rolling window holds: enough for every measure. */
export interface WindowFigures {
  count: number
  sum: number
  /** -Infinity when empty */
  max: number
  /** only for percentile rules */
  bins: Bins
}

export function emptyFigures(): WindowFigures {
  return { count: 0, sum: 0, max: Number.NEGATIVE_INFINITY, bins: new Map() }
}

const QUANTILES: Partial<Record<AlertMeasure, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 }

export function isPercentile(measure: AlertMeasure): boolean {
  return QUANTILES[measure] !== undefined
}

/** The rule's measure over the window; undefined when the window is empty. */
export function measureOf(measure: AlertMeasure, figures: WindowFigures): number | undefined {
  if (figures.count <= 0) return undefined
  switch (measure) {
    case 'count':
      return figures.count
    case 'sum':
      return figures.sum
    case 'avg':
      return figures.sum / figures.count
    case 'max':
      return figures.max
    default:
      return quantile(figures.bins, QUANTILES[measure] ?? 1)
  }
}
