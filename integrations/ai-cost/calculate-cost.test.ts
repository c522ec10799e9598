import { describe, expect, it } from 'vitest'
import { compiled } from '../../generated/events.js'
import type { Pricing } from '../../schema/compiled.js'
import { calculateCost, roundUsd, UNKNOWN_MODEL_EVENT, type AIUsage, type CostWarner } from './calculate-cost.js'

/** The shipped pricing table, written out: a price change or a new model must be reflected here. */
const SHIPPED: Record<string, Pricing> = {
  'claude-sonnet-4-6': { inputPer1M: 3, outputPer1M: 15 },
  'claude-haiku-4-5': { inputPer1M: 1, outputPer1M: 5 },
  'claude-opus-4-6': { inputPer1M: 5, outputPer1M: 25 },
  'gemini-3.0-flash': { inputPer1M: 0.5, outputPer1M: 3 },
  'gemini-3.0-pro': { inputPer1M: 2, outputPer1M: 12 },
  'flux-2-pro': { perImage: 0.06 },
  'flux-2-dev': { perImage: 0.025 },
  'gpt-image-1.5': { perImage: 0.04 },
  'ideogram-v3': { perImage: 0.06 },
  'gemini-3-pro-image': { perImage: 0.134 },
  'veo-3': { perSecond: 0.4 },
}

/** One unit of each kind, and the price field that bills it. */
const UNITS: ReadonlyArray<readonly [keyof Pricing, AIUsage]> = [
  ['inputPer1M', { inputTokens: 1_000_000 }],
  ['outputPer1M', { outputTokens: 1_000_000 }],
  ['perImage', { images: 1 }],
  ['perVideo', { videos: 1 }],
  ['perSecond', { videoSeconds: 1 }],
]

function warnings(): CostWarner & { seen: Array<{ fields: Record<string, unknown>; msg: string }> } {
  const seen: Array<{ fields: Record<string, unknown>; msg: string }> = []
  return { seen, warn: (fields, msg) => void seen.push({ fields, msg }) }
}

describe('calculateCost over the shipped pricing table', () => {
  it('knows exactly the models written out here', () => {
    expect(Object.keys(compiled.pricing).sort()).toEqual(Object.keys(SHIPPED).sort())
  })

  for (const [model, price] of Object.entries(SHIPPED)) {
    it(`${model}: each unit costs its price, units it does not price cost 0`, () => {
      expect(compiled.pricing[model]).toEqual(price)
      const warn = warnings()
      for (const [field, usage] of UNITS) {
        expect(calculateCost(compiled.pricing, model, usage, warn), `${model} ${field}`).toBe(price[field] ?? 0)
      }
      expect(warn.seen).toEqual([])
    })
  }

  it('adds every unit of a mixed call', () => {
    const usage: AIUsage = { inputTokens: 1234, outputTokens: 567, images: 2, videoSeconds: 8 }
    // 1234 * 3 / 1M + 567 * 15 / 1M = 0.003702 + 0.008505
    expect(calculateCost(compiled.pricing, 'claude-sonnet-4-6', usage)).toBe(0.012207)
    expect(calculateCost(compiled.pricing, 'flux-2-pro', usage)).toBe(0.12)
    expect(calculateCost(compiled.pricing, 'gemini-3-pro-image', { images: 3 })).toBe(0.402)
    expect(calculateCost(compiled.pricing, 'veo-3', { videoSeconds: 8 })).toBe(3.2)
    expect(calculateCost(compiled.pricing, 'veo-3', { videoSeconds: 7.5, videos: 1 })).toBe(3)
  })

  it('counts absent, negative and non-finite figures as 0', () => {
    expect(calculateCost(compiled.pricing, 'claude-opus-4-6', {})).toBe(0)
    expect(calculateCost(compiled.pricing, 'claude-opus-4-6', { inputTokens: -5, outputTokens: Number.NaN, images: Infinity })).toBe(0)
  })
})

describe('rounding to 6 decimals', () => {
  it('rounds a half millionth up (away from zero)', () => {
    // 1 token at 0.50 per 1M = 0.0000005
    expect(calculateCost(compiled.pricing, 'gemini-3.0-flash', { inputTokens: 1 })).toBe(0.000001)
    // 3 tokens = 0.0000015
    expect(calculateCost(compiled.pricing, 'gemini-3.0-flash', { inputTokens: 3 })).toBe(0.000002)
    expect(roundUsd(-0.0000005)).toBe(-0.000001)
  })

  it('rounds below a half millionth down, to exactly 0', () => {
    // 0.4 tokens worth: 1 token at 0.40 per 1M
    expect(calculateCost({ m: { inputPer1M: 0.4 } }, 'm', { inputTokens: 1 })).toBe(0)
    expect(Object.is(roundUsd(-0.0000001), 0)).toBe(true)
  })

  it('does not let binary noise flip a half', () => {
    expect(roundUsd(1.0000005)).toBe(1.000001)
    expect(roundUsd(0.1 + 0.2)).toBe(0.3)
    // 0.025 * 3 = 0.07500000000000001 in binary
    expect(calculateCost(compiled.pricing, 'flux-2-dev', { images: 3 })).toBe(0.075)
  })
})

describe('cached input tokens', () => {
  it('bills cached tokens at the cached rate, or at the input rate when the model has none', () => {
    const pricing = { cached: { inputPer1M: 3, cachedInputPer1M: 0.3 }, plain: { inputPer1M: 3 } }
    expect(calculateCost(pricing, 'cached', { inputTokens: 1_000_000, cachedInputTokens: 1_000_000 })).toBe(3.3)
    expect(calculateCost(pricing, 'plain', { cachedInputTokens: 1_000_000 })).toBe(3)
  })
})

describe('a model the table lacks', () => {
  it('costs 0 and says so in one warning line naming the model', () => {
    const warn = warnings()
    expect(calculateCost(compiled.pricing, 'gpt-9', { inputTokens: 1000 }, warn)).toBe(0)
    expect(warn.seen).toHaveLength(1)
    expect(warn.seen[0]?.fields).toMatchObject({ event: UNKNOWN_MODEL_EVENT, model: 'gpt-9' })
    expect(warn.seen[0]?.msg).toMatch(/add it to the catalog's `pricing:` section/)
  })

  it('is not fooled by names on Object.prototype', () => {
    const warn = warnings()
    expect(calculateCost(compiled.pricing, 'constructor', { images: 1 }, warn)).toBe(0)
    expect(warn.seen).toHaveLength(1)
  })

  it('costs 0 without a logger', () => {
    expect(calculateCost({}, 'anything', { images: 1 })).toBe(0)
  })
})
