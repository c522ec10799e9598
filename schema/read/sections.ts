/** `pricing:`, `flags:` and `thresholds:`. */
import { helperName } from '../define.js'
import type { FlagSpec, Pricing, Threshold } from '../compiled.js'
import { dict } from '../dict.js'
import { pathText } from '../diagnostics.js'
import { reportPrototypeName } from './prototype-names.js'
import { checkName } from './event.js'
import { checkKeys, missing, readMap, readNumber, readString, readStringList, type ReadContext } from './values.js'

const PRICING_KEYS = ['inputPer1M', 'outputPer1M', 'cachedInputPer1M', 'perImage', 'perVideo', 'perSecond'] as const

export function readPricing(ctx: ReadContext, value: unknown): Record<string, Pricing> {
  const out = dict<Pricing>()
  if (value === undefined) return out
  const map = readMap(ctx, value, ['pricing'], 'a mapping of model name to prices')
  if (!map) return out
  for (const [model, raw] of Object.entries(map)) {
    const path = ['pricing', model]
    if (reportPrototypeName(ctx, { name: model, path, what: 'pricing model', style: 'snake', suffix: 'model' })) continue
    const prices = readMap(ctx, raw, path, 'a mapping such as `{ inputPer1M: 3, outputPer1M: 15 }` or `{ perImage: 0.04 }`')
    if (!prices) continue
    checkKeys(ctx, prices, path, PRICING_KEYS, 'pricing')
    const pricing: Pricing = {}
    for (const key of PRICING_KEYS) {
      const price = readNumber(ctx, prices, path, key, { min: 0 })
      if (price !== undefined) pricing[key] = price
    }
    if (Object.keys(prices).length === 0)
      ctx.report.error(ctx.source, path, 'LC_MISSING_FIELD', `pricing for \`${model}\` is empty: give at least one of ${PRICING_KEYS.join(', ')}`, 'key')
    out[model] = pricing
  }
  return out
}

const FLAG_KEYS = ['description', 'owner', 'variants', 'default'] as const

export function readFlags(ctx: ReadContext, value: unknown): Record<string, FlagSpec> {
  const out = dict<FlagSpec>()
  if (value === undefined) return out
  const map = readMap(ctx, value, ['flags'], 'a mapping of flag name to flag')
  if (!map) return out
  for (const [name, raw] of Object.entries(map)) {
    const path = ['flags', name]
    checkName(ctx, name, path, 'flag', 'new_wizard')
    const flag = readMap(ctx, raw, path, 'a mapping `{ description, owner, variants, default }`')
    if (!flag) continue
    checkKeys(ctx, flag, path, FLAG_KEYS, 'flag')
    const variants = readStringList(ctx, flag, path, 'variants')
    if (variants !== undefined && variants.length === 0)
      ctx.report.error(ctx.source, [...path, 'variants'], 'LC_EMPTY_ENUM', `flag \`${name}\` lists no variants: list them or drop \`variants\` for an on/off flag`)
    const spec: FlagSpec = {
      name,
      helper: helperName(name),
      description: readString(ctx, flag, path, 'description') ?? '',
      default: false,
    }
    const owner = readString(ctx, flag, path, 'owner')
    if (owner !== undefined) spec.owner = owner
    const fallback = flag.default
    if (variants !== undefined && variants.length > 0) {
      spec.variants = variants
      spec.default = variants[0] ?? false
      if (fallback !== undefined) {
        if (typeof fallback === 'string' && variants.includes(fallback)) spec.default = fallback
        else
          ctx.report.error(
            ctx.source,
            [...path, 'default'],
            'LC_FLAG_DEFAULT',
            `${pathText([...path, 'default'])} must be one of the variants (${variants.join(', ')})`,
          )
      }
    } else if (fallback !== undefined) {
      if (typeof fallback === 'boolean') spec.default = fallback
      else
        ctx.report.error(
          ctx.source,
          [...path, 'default'],
          'LC_FLAG_DEFAULT',
          `${pathText([...path, 'default'])} of an on/off flag must be true or false; list \`variants\` for a multivariate flag`,
        )
    }
    out[name] = spec
  }
  return out
}

export const DEFAULT_THRESHOLDS: Readonly<Record<string, Threshold>> = {
  api: { warnMs: 1000, criticalMs: 3000 },
  database: { warnMs: 500, criticalMs: 2000 },
  external: { warnMs: 2000, criticalMs: 5000 },
}

export function readThresholds(ctx: ReadContext, value: unknown): Record<string, Partial<Threshold>> {
  const out = dict<Partial<Threshold>>()
  if (value === undefined) return out
  const map = readMap(ctx, value, ['thresholds'], 'a mapping of category to `{ warnMs, criticalMs }`')
  if (!map) return out
  for (const [category, raw] of Object.entries(map)) {
    const path = ['thresholds', category]
    if (reportPrototypeName(ctx, { name: category, path, what: 'threshold category', style: 'snake', suffix: 'calls' })) continue
    const entry = readMap(ctx, raw, path, 'a mapping `{ warnMs, criticalMs }`')
    if (!entry) continue
    checkKeys(ctx, entry, path, ['warnMs', 'criticalMs'], 'threshold')
    const threshold: Partial<Threshold> = {}
    const warnMs = readNumber(ctx, entry, path, 'warnMs', { min: 0 })
    const criticalMs = readNumber(ctx, entry, path, 'criticalMs', { min: 0 })
    if (warnMs !== undefined) threshold.warnMs = warnMs
    if (criticalMs !== undefined) threshold.criticalMs = criticalMs
    const known = Object.hasOwn(DEFAULT_THRESHOLDS, category) ? DEFAULT_THRESHOLDS[category] : undefined
    if (!known) {
      if (entry.warnMs === undefined) missing(ctx, path, 'warnMs', 'a new category needs both warnMs and criticalMs')
      if (entry.criticalMs === undefined) missing(ctx, path, 'criticalMs', 'a new category needs both warnMs and criticalMs')
    }
    const warn = warnMs ?? known?.warnMs
    const critical = criticalMs ?? known?.criticalMs
    if (warn !== undefined && critical !== undefined && warn >= critical)
      ctx.report.error(
        ctx.source,
        entry.warnMs !== undefined ? [...path, 'warnMs'] : [...path, 'criticalMs'],
        'LC_THRESHOLD_ORDER',
        `${pathText(path)}: warnMs (${warn}) must be below criticalMs (${critical})`,
      )
    out[category] = threshold
  }
  return out
}
