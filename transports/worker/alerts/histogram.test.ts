import { describe, expect, it } from 'vitest'
import { addToBins, binOf, binValue, quantile, RELATIVE_ACCURACY, ZERO_BIN, type Bins } from './histogram.js'

function binsOf(values: number[]): Bins {
  const bins: Bins = new Map()
  for (const v of values) addToBins(bins, binOf(v), 1)
  return bins
}

function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number
}

describe('log-scale histogram', () => {
  it('stands for every value within 1%', () => {
    for (const v of [0.0001, 0.37, 1, 2, 9.99, 123.4, 500, 501, 86_400_000]) {
      expect(Math.abs(binValue(binOf(v)) - v) / v).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12)
    }
  })

  it('puts zero and negatives in the zero bin', () => {
    expect(binOf(0)).toBe(ZERO_BIN)
    expect(binOf(-3)).toBe(ZERO_BIN)
    expect(binValue(ZERO_BIN)).toBe(0)
  })

  it('reads each percentile within 1% of the exact nearest-rank value', () => {
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) + 1)
    const bins = binsOf(values)
    for (const q of [0.5, 0.9, 0.95, 0.99, 1]) {
      const want = exact(values, q)
      expect(Math.abs((quantile(bins, q) as number) - want) / want, `q=${q}`).toBeLessThanOrEqual(RELATIVE_ACCURACY)
    }
  })

  it('merges by adding counts: the merged histogram equals the histogram of all values', () => {
    const a = binsOf([1, 5, 900])
    const b = binsOf([2, 600, 700, 800])
    for (const [bin, n] of b) addToBins(a, bin, n)
    expect(quantile(a, 0.5)).toBe(quantile(binsOf([1, 5, 900, 2, 600, 700, 800]), 0.5))
  })

  it('has no percentile when empty, and zeros sort first', () => {
    expect(quantile(new Map(), 0.95)).toBeUndefined()
    expect(quantile(binsOf([0, 0, 0, 10]), 0.5)).toBe(0)
  })
})
