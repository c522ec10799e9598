import { describe, expect, it } from 'vitest'
import { aiCostTracker, trackAICall } from '../../integrations/ai-cost/index.js'
import { compiled } from '../../generated/events.js'
import { route } from '../../router/index.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { captureLogger, linesOf } from './capture-logger.js'

/** A clock that advances by `step` ms on every read. */
function steppingClock(step: number): () => number {
  let t = 1000
  return () => (t += step) - step
}

describe('trackAICall', () => {
  it('returns the result and writes one ai_api_call record with tokens, cost and duration', async () => {
    const { log, out } = captureLogger()
    const result = await trackAICall(
      log,
      { model: 'claude-sonnet-4-6', taskType: 'brand_name', userId: 'u_1', context: { brandId: 'b_1' }, pricing: compiled.pricing, now: steppingClock(250) },
      async () => ({ text: 'Acme', usage: { input_tokens: 2000, output_tokens: 400 } }),
      (r) => ({ inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens }),
    )
    expect(result.text).toBe('Acme')
    const [line, ...rest] = linesOf(out, 'ai_api_call')
    expect(rest).toEqual([])
    expect(line).toMatchObject({
      level: 'info',
      kind: 'cost',
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      taskType: 'brand_name',
      inputTokens: 2000,
      outputTokens: 400,
      cost: 0.012, // 2000 * 3 / 1M + 400 * 15 / 1M
      duration_ms: 250,
      success: true,
      userId: 'u_1',
      brandId: 'b_1',
    })
    expect(line).not.toHaveProperty('error')
    expect(line?.msg).toBe('anthropic claude-sonnet-4-6 (brand_name) cost $0.012')
  })

  it('records a failed call with its error message and rethrows the same error', async () => {
    const { log, out } = captureLogger()
    const boom = new Error('529 overloaded')
    await expect(
      trackAICall(log, { model: 'flux-2-pro', provider: 'fal', taskType: 'logo', jobId: 'j_9', pricing: compiled.pricing, now: steppingClock(40) }, async () => {
        throw boom
      }, () => ({ images: 4 })),
    ).rejects.toBe(boom)
    expect(linesOf(out, 'ai_api_call')).toEqual([
      expect.objectContaining({ provider: 'fal', model: 'flux-2-pro', taskType: 'logo', success: false, error: '529 overloaded', cost: 0, duration_ms: 40, jobId: 'j_9' }),
    ])
  })

  it('bills what a failed call consumed when usageOfError says', async () => {
    const { log, out } = captureLogger()
    const failure = Object.assign(new Error('content filtered'), { images: 1 })
    await expect(
      trackAICall(
        log,
        { model: 'gpt-image-1.5', taskType: 'mockup', pricing: compiled.pricing, usageOfError: (e) => ({ images: (e as { images: number }).images }) },
        () => Promise.reject(failure),
        () => ({}),
      ),
    ).rejects.toBe(failure)
    expect(linesOf(out, 'ai_api_call')[0]).toMatchObject({ provider: 'openai', images: 1, cost: 0.04, success: false })
  })

  it('records media calls and reaches audit_log through the catalog routes', async () => {
    const { log, out } = captureLogger()
    const track = aiCostTracker(log, compiled.pricing)
    await track({ model: 'veo-3', taskType: 'video' }, () => 'clip.mp4', () => ({ videos: 1, videoSeconds: 8 }))
    const line = linesOf(out, 'ai_api_call')[0]
    expect(line).toMatchObject({ provider: 'google', videos: 1, videoSeconds: 8, cost: 3.2, success: true })
    expect(route(compiled, line as LogLine)).toContain('audit')
  })

  it('records an unknown model at cost 0 with a warning line', async () => {
    const { log, out } = captureLogger()
    await trackAICall(log, { model: 'mystery-1', taskType: 'brand_name', pricing: compiled.pricing }, () => 1, () => ({ inputTokens: 10 }))
    expect(linesOf(out, 'ai_api_call')[0]).toMatchObject({ provider: 'unknown', cost: 0, inputTokens: 10, success: true })
    expect(linesOf(out, 'linecast.unknown_model')).toEqual([expect.objectContaining({ level: 'warn', model: 'mystery-1' })])
  })

  it('still records the call when the usage reader throws, and returns the result', async () => {
    const { log, out } = captureLogger()
    const result = await trackAICall(log, { model: 'claude-haiku-4-5', taskType: 'x', pricing: compiled.pricing }, () => 'ok', () => {
      throw new Error('no usage field')
    })
    expect(result).toBe('ok')
    expect(linesOf(out, 'ai_api_call')[0]).toMatchObject({ success: true, cost: 0 })
    expect(linesOf(out, 'linecast.ai_usage_unreadable')).toHaveLength(1)
  })
})
