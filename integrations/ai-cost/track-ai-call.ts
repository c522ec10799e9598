/**
 * Runs one AI provider call and writes its `ai_api_call` cost record, for a
 * success and a failure alike: duration, tokens or media, cost in USD from the
 * catalog's pricing, and the error message when the call threw. The record is
 * an ordinary catalog event, so it reaches audit_log, PostHog and the logs as
 * the catalog routes it. The call's result is returned and its error rethrown
 * untouched.
 */
import { performance } from 'node:perf_hooks'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { withContext } from '../../emitters/context.js'
import type { LinecastLogger } from '../../emitters/types.js'
import { calculateCost, type AIUsage } from './calculate-cost.js'
import type { AIApiCall, AICostEvents } from './events.js'
import { providerOf } from './provider.js'

export interface AICall {
  /** model id as priced in the catalog's `pricing:` */
  model: string
  /** default: guessed from the model id (claude -> anthropic, gemini -> google, ...) */
  provider?: string
  /** what the call was for, e.g. brand_name, logo, mockup */
  taskType: string
  /** correlation fields stamped on the record (the catalog's `context:` decides which are written) */
  userId?: string
  jobId?: string
  /** other correlation fields of the call, e.g. `{ tenantId }` (stamped the same way) */
  context?: Readonly<Record<string, string | number | boolean>>
}

export interface AICallOptions {
  /** the catalog's pricing table: `catalog.compiled.pricing` */
  pricing: CompiledCatalog['pricing']
  /** monotonic clock in milliseconds; default performance.now */
  now?: () => number
  /** what a failed call consumed, when the error says (default: nothing, cost 0) */
  usageOfError?: (error: unknown) => AIUsage
}

function count(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined
}

function seconds(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return typeof error === 'string' ? error : String(error)
}

/** The `ai_api_call` properties for one finished call. */
export function aiCallRecord(
  call: AICall,
  usage: AIUsage,
  outcome: { durationMs: number; cost: number; error?: unknown },
): AIApiCall {
  const record: AIApiCall = {
    provider: call.provider ?? providerOf(call.model),
    model: call.model,
    taskType: call.taskType,
    duration_ms: Math.max(0, Math.round(outcome.durationMs * 1000) / 1000),
    cost: outcome.cost,
    success: !('error' in outcome),
  }
  const figures: Array<[keyof AIApiCall, number | undefined]> = [
    ['inputTokens', count(usage.inputTokens)],
    ['outputTokens', count(usage.outputTokens)],
    ['cachedInputTokens', count(usage.cachedInputTokens)],
    ['images', count(usage.images)],
    ['videos', count(usage.videos)],
    ['videoSeconds', seconds(usage.videoSeconds)],
  ]
  for (const [key, value] of figures) if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value
  if ('error' in outcome) record.error = errorMessage(outcome.error)
  return record
}

function correlation(call: AICall): Record<string, string | number | boolean> | undefined {
  const fields: Record<string, string | number | boolean> = { ...call.context }
  if (call.userId !== undefined) fields.userId = call.userId
  if (call.jobId !== undefined) fields.jobId = call.jobId
  return Object.keys(fields).length > 0 ? fields : undefined
}

/**
 * `fn` is the provider call; `usageOf` reads its usage from the result
 * (`r => ({ inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens })`).
 */
export async function trackAICall<T>(
  logger: LinecastLogger<AICostEvents>,
  call: AICall & AICallOptions,
  fn: () => Promise<T> | T,
  usageOf: (result: T) => AIUsage,
): Promise<T> {
  const now = call.now ?? (() => performance.now())
  const started = now()
  const write = (record: AIApiCall): void => {
    const fields = correlation(call)
    if (fields === undefined) logger.emit.aiApiCall(record)
    else withContext(fields, () => logger.emit.aiApiCall(record))
  }
  let result: T
  try {
    result = await fn()
  } catch (error) {
    const durationMs = now() - started
    let usage: AIUsage = {}
    try {
      usage = call.usageOfError?.(error) ?? {}
    } catch {
      // a usage reader that throws on an odd error must not hide the call's own error
    }
    const cost = calculateCost(call.pricing, call.model, usage, logger)
    write(aiCallRecord(call, usage, { durationMs, cost, error }))
    throw error
  }
  const durationMs = now() - started
  let usage: AIUsage = {}
  try {
    usage = usageOf(result)
  } catch (error) {
    logger.warn(
      { event: 'linecast.ai_usage_unreadable', model: call.model, error: errorMessage(error) },
      `usageOf threw for a ${call.model} result; the call is recorded without tokens and at cost 0: fix the usage reader`,
    )
  }
  write(aiCallRecord(call, usage, { durationMs, cost: calculateCost(call.pricing, call.model, usage, logger) }))
  return result
}

/** `trackAICall` with the pricing (and clock) bound once: `const track = aiCostTracker(log, catalog.compiled.pricing)`. */
export function aiCostTracker(
  logger: LinecastLogger<AICostEvents>,
  pricing: CompiledCatalog['pricing'],
  options: Omit<AICallOptions, 'pricing'> = {},
): <T>(call: AICall, fn: () => Promise<T> | T, usageOf: (result: T) => AIUsage) => Promise<T> {
  return (call, fn, usageOf) => trackAICall(logger, { ...options, ...call, pricing }, fn, usageOf)
}
