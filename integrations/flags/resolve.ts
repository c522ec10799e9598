/**
 * A PostHog flag result as the catalog types the flag: `boolean` for a
 * boolean flag, one of the declared variants for a multivariate flag. A value
 * the catalog cannot type (no result, an undeclared variant) gives undefined
 * and the caller falls back to the catalog default.
 */
import type { FlagSpec } from '../../schema/compiled.js'
import type { FlagValue } from './types.js'

export interface FlagResultLike {
  enabled: boolean
  variant: string | undefined
}

export type Resolution = { value: FlagValue } | { fallback: 'no-value' | 'undeclared-variant'; got?: string }

export function resolveFlag(flag: FlagSpec, result: FlagResultLike | undefined): Resolution {
  if (result === undefined) return { fallback: 'no-value' }
  if (flag.variants === undefined || flag.variants.length === 0) return { value: result.enabled }
  // a multivariate flag that is off for this user gets the default (usually the control group)
  if (!result.enabled) return { value: flag.default }
  if (result.variant !== undefined && flag.variants.includes(result.variant)) return { value: result.variant }
  return result.variant === undefined ? { fallback: 'undeclared-variant' } : { fallback: 'undeclared-variant', got: result.variant }
}
