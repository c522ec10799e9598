/**
 * Slowness detection: time an operation and, when it took longer than its
 * category's thresholds, write the built-in slowness events.
 *
 * - past `warnMs`: `slow_operation_detected` (level warn, tier warn): a warn
 *   line, routed by the catalog's level routes;
 * - past `criticalMs`: `critical_slowness_detected` (level warn, severity p1),
 *   routed by the catalog's p1 route as well (Slack in the shipped catalog).
 *   Only the critical event is written then, not both.
 *
 * Thresholds by category come from the catalog's `thresholds:` section
 * (`catalog.compiled.thresholds`, which already holds the built-in defaults:
 * api 1s/3s, database 500ms/2s, external 2s/5s); a call may override them.
 * The operation's own result or error is passed through untouched.
 */
import { performance } from 'node:perf_hooks'
import type { Threshold } from '../../schema/compiled.js'
import { DEFAULT_THRESHOLDS } from '../../schema/compile.js'
import { LinecastError } from '../../core/errors.js'
import type { LinecastLogger } from '../../emitters/types.js'
import type { SlowCategory, SlownessEvents } from './events.js'

export { DEFAULT_THRESHOLDS }

export type SlownessTier = 'ok' | 'warn' | 'critical'

export class ThresholdError extends LinecastError {
  constructor(problem: string) {
    super('LINECAST_INVALID_THRESHOLD', `slowness thresholds: ${problem}`)
  }
}

export interface SlownessOptions {
  /** where the slowness events go */
  logger: LinecastLogger<SlownessEvents>
  /** thresholds by category, e.g. `catalog.compiled.thresholds`; categories it lacks use DEFAULT_THRESHOLDS */
  thresholds?: Readonly<Record<string, Threshold>>
  /** this call's thresholds, over the category's */
  threshold?: Partial<Threshold>
  /** monotonic clock in milliseconds; default performance.now */
  now?: () => number
}

export interface TrackOptions extends SlownessOptions {
  category: SlowCategory
}

/** The thresholds that apply to `category`, after the catalog's and the call's overrides. */
export function resolveThreshold(
  category: string,
  table: Readonly<Record<string, Threshold>> | undefined,
  override?: Partial<Threshold>,
): Threshold {
  const base = table?.[category] ?? DEFAULT_THRESHOLDS[category]
  const warnMs = override?.warnMs ?? base?.warnMs
  const criticalMs = override?.criticalMs ?? base?.criticalMs
  if (warnMs === undefined || criticalMs === undefined) {
    throw new ThresholdError(`no thresholds for category "${category}": add it to the catalog's \`thresholds:\` section or pass \`threshold\``)
  }
  if (!(warnMs >= 0) || !(criticalMs > warnMs)) {
    throw new ThresholdError(`category "${category}" needs 0 <= warnMs < criticalMs, got warnMs ${warnMs} and criticalMs ${criticalMs}`)
  }
  return { warnMs, criticalMs }
}

/** Which threshold `durationMs` went past (strictly). */
export function classifyDuration(durationMs: number, threshold: Threshold): SlownessTier {
  if (durationMs > threshold.criticalMs) return 'critical'
  if (durationMs > threshold.warnMs) return 'warn'
  return 'ok'
}

/**
 * Writes the slowness event for an operation measured elsewhere (a request's
 * response time, a query's duration from a driver hook); returns the tier.
 */
export function reportDuration(
  operation: string,
  durationMs: number,
  options: SlownessOptions & { category: SlowCategory },
): SlownessTier {
  const threshold = resolveThreshold(options.category, options.thresholds, options.threshold)
  const tier = classifyDuration(durationMs, threshold)
  const duration_ms = Math.max(0, Math.round(durationMs * 1000) / 1000)
  if (tier === 'critical') {
    options.logger.emit.criticalSlownessDetected({
      operation,
      category: options.category,
      duration_ms,
      thresholdMs: threshold.criticalMs,
    })
  } else if (tier === 'warn') {
    options.logger.emit.slowOperationDetected({
      operation,
      category: options.category,
      duration_ms,
      thresholdMs: threshold.warnMs,
      tier: 'warn',
    })
  }
  return tier
}

/**
 * Runs `fn`, measures it, and writes a slowness event when it was slow (also
 * when it threw: the error is rethrown after). Resolves with `fn`'s result.
 */
export async function trackPerformance<T>(operation: string, fn: () => T | Promise<T>, options: TrackOptions): Promise<T> {
  // resolve first: a bad threshold fails before the operation runs
  resolveThreshold(options.category, options.thresholds, options.threshold)
  const now = options.now ?? (() => performance.now())
  const start = now()
  try {
    return await fn()
  } finally {
    reportDuration(operation, now() - start, options)
  }
}

/** `trackPerformance` with category `database` (default 500 ms warn, 2 s critical). */
export function trackQuery<T>(operation: string, fn: () => T | Promise<T>, options: SlownessOptions): Promise<T> {
  return trackPerformance(operation, fn, { ...options, category: 'database' })
}

/** `trackPerformance` with category `external` (default 2 s warn, 5 s critical). */
export function trackExternalCall<T>(operation: string, fn: () => T | Promise<T>, options: SlownessOptions): Promise<T> {
  return trackPerformance(operation, fn, { ...options, category: 'external' })
}
