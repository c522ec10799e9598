import { describe, expect, it } from 'vitest'
import { chainLimits, DELIVERY_DEFAULTS } from './defaults.js'

describe('chainLimits', () => {
  it('takes the defaults when the sink names no limit', () => {
    expect(chainLimits(undefined)).toMatchObject({ maxItems: DELIVERY_DEFAULTS.maxItems, maxBytes: DELIVERY_DEFAULTS.maxBytes, maxInFlight: DELIVERY_DEFAULTS.maxInFlight })
  })

  it("lets a sink's limits raise the batch as well as lower it", () => {
    expect(chainLimits({ maxItems: 2000, maxBytes: 10_000_000 })).toMatchObject({ maxItems: 2000, maxBytes: 10_000_000 })
    expect(chainLimits({ maxItems: 1 })).toMatchObject({ maxItems: 1, maxBytes: DELIVERY_DEFAULTS.maxBytes })
  })

  it("lets the user lower the in-flight window but never past the sink's own", () => {
    expect(chainLimits({ maxInFlight: 64 }).maxInFlight).toBe(64)
    expect(chainLimits({ maxInFlight: 64 }, { maxInFlight: 8 }).maxInFlight).toBe(8)
    expect(chainLimits({ maxInFlight: 2 }, { maxInFlight: 8 }).maxInFlight).toBe(2)
    expect(chainLimits(undefined, { maxInFlight: 1 }).maxInFlight).toBe(1)
  })

  it('merges a partial retry policy over the defaults', () => {
    expect(chainLimits(undefined, { retry: { baseMs: 5 } }).retry).toEqual({ ...DELIVERY_DEFAULTS.retry, baseMs: 5 })
  })
})
