/**
 * The cost of one AI call in USD, from the catalog's `pricing:` table:
 * tokens per million (input, output, cached input), per image, per video and
 * per second of video. Rounded to 6 decimals (a millionth of a dollar).
 */
import type { CompiledCatalog, Pricing } from '../../schema/compiled.js'

/** What a provider call consumed; absent figures count as 0. */
export interface AIUsage {
  inputTokens?: number
  outputTokens?: number
  /** prompt tokens served from the provider's cache (priced by `cachedInputPer1M`, else as input) */
  cachedInputTokens?: number
  images?: number
  videos?: number
  videoSeconds?: number
}

/** Writes the warning for a model the pricing table lacks (a pino-style logger suffices). */
export interface CostWarner {
  warn(fields: Record<string, unknown>, msg: string): void
}

export const UNKNOWN_MODEL_EVENT = 'linecast.unknown_model'

const MILLION = 1_000_000

function amount(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0
}

/**
 * `value` rounded half away from zero to 6 decimals. The product is first cut
 * to 15 significant digits, so binary noise (1.0000005 * 1e6 =
 * 1000000.4999999999) does not flip a half down.
 */
export function roundUsd(value: number): number {
  const scaled = Math.round(Number((Math.abs(value) * MILLION).toPrecision(15)))
  return scaled === 0 ? 0 : (Math.sign(value) * scaled) / MILLION
}

/** Cost of `usage` at `price`, unrounded. */
function priced(price: Pricing, usage: AIUsage): number {
  const cached = amount(usage.cachedInputTokens)
  const cachedRate = price.cachedInputPer1M ?? price.inputPer1M ?? 0
  return (
    (amount(usage.inputTokens) * (price.inputPer1M ?? 0)) / MILLION +
    (cached * cachedRate) / MILLION +
    (amount(usage.outputTokens) * (price.outputPer1M ?? 0)) / MILLION +
    amount(usage.images) * (price.perImage ?? 0) +
    amount(usage.videos) * (price.perVideo ?? 0) +
    amount(usage.videoSeconds) * (price.perSecond ?? 0)
  )
}

/**
 * USD cost of `usage` on `model`. `inputTokens` are the uncached prompt tokens;
 * `cachedInputTokens` are billed on top at the cached rate. A model missing
 * from the table costs 0 and writes one warning line through `warn`, so the
 * call is still recorded and the gap shows in the logs.
 */
export function calculateCost(
  pricing: CompiledCatalog['pricing'],
  model: string,
  usage: AIUsage,
  warn?: CostWarner,
): number {
  const price = Object.prototype.hasOwnProperty.call(pricing, model) ? pricing[model] : undefined
  if (price === undefined) {
    warn?.warn(
      { event: UNKNOWN_MODEL_EVENT, model, known: Object.keys(pricing).sort() },
      `no price for AI model "${model}": add it to the catalog's \`pricing:\` section; its cost is recorded as 0`,
    )
    return 0
  }
  return roundUsd(priced(price, usage))
}
