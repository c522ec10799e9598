/**
 * A fixed log-scale histogram for percentiles over a window. A value falls in
 * bin `ceil(log(v) / log(GAMMA))`; every bin stands for one value within 1%
 * of anything it holds, so a percentile read from merged bins is within 1% of
 * the exact one. Bins are keyed by index, so histograms from any number of
 * time buckets and processes merge by adding counts: constant work per value.
 */

/** Relative accuracy of a percentile read from the bins. */
export const RELATIVE_ACCURACY = 0.01
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY)
const LOG_GAMMA = Math.log(GAMMA)

/** Values at or below this (zero, negatives) share one bin that stands for 0. */
const ZERO_LIMIT = 1e-9
export const ZERO_BIN = 'z'

/** bin key -> count */
export type Bins = Map<string, number>

export function binOf(value: number): string {
  if (!(value > ZERO_LIMIT)) return ZERO_BIN
  return String(Math.ceil(Math.log(value) / LOG_GAMMA))
}

/** The value a bin stands for: within RELATIVE_ACCURACY of every value in it. */
export function binValue(bin: string): number {
  if (bin === ZERO_BIN) return 0
  return (2 * GAMMA ** Number(bin)) / (GAMMA + 1)
}

export function addToBins(bins: Bins, bin: string, count: number): void {
  bins.set(bin, (bins.get(bin) ?? 0) + count)
}

function order(bin: string): number {
  return bin === ZERO_BIN ? Number.NEGATIVE_INFINITY : Number(bin)
}

/**
 * The `q` quantile (0 < q <= 1) by nearest rank over the merged bins;
 * undefined when they hold nothing.
 */
export function quantile(bins: Bins, q: number): number | undefined {
  let total = 0
  for (const n of bins.values()) total += n
  if (total <= 0) return undefined
  const rank = Math.max(1, Math.ceil(q * total))
  const sorted = [...bins.entries()].filter(([, n]) => n > 0).sort((a, b) => order(a[0]) - order(b[0]))
  let seen = 0
  for (const [bin, n] of sorted) {
    seen += n
    if (seen >= rank) return binValue(bin)
  }
  return binValue(sorted[sorted.length - 1]?.[0] ?? ZERO_BIN)
}
