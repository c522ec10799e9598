import { describe, expect, it } from 'vitest'
import { captureLogger, linesOf } from '../../test/integrations/capture-logger.js'
import { classifyDuration, reportDuration, resolveThreshold, ThresholdError, trackExternalCall, trackPerformance, trackQuery } from './performance.js'

/** a clock that reads `start`, then `start + ms` */
function took(ms: number): () => number {
  let calls = 0
  return () => (calls++ === 0 ? 1000 : 1000 + ms)
}

describe('thresholds', () => {
  it('uses the built-in defaults, then the catalog table, then the call', () => {
    expect(resolveThreshold('api', undefined)).toEqual({ warnMs: 1000, criticalMs: 3000 })
    expect(resolveThreshold('database', {})).toEqual({ warnMs: 500, criticalMs: 2000 })
    expect(resolveThreshold('external', { external: { warnMs: 10_000, criticalMs: 60_000 } })).toEqual({ warnMs: 10_000, criticalMs: 60_000 })
    expect(resolveThreshold('api', undefined, { criticalMs: 1500 })).toEqual({ warnMs: 1000, criticalMs: 1500 })
  })

  it('rejects an unknown category and an inverted pair with what to fix', () => {
    expect(() => resolveThreshold('queue', {})).toThrow(/add it to the catalog's `thresholds:`/)
    const error = (() => {
      try {
        resolveThreshold('api', undefined, { warnMs: 5000 })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ThresholdError)
    expect((error as ThresholdError).code).toBe('LINECAST_INVALID_THRESHOLD')
  })

  it('classifies strictly past each threshold', () => {
    const t = { warnMs: 500, criticalMs: 2000 }
    expect(classifyDuration(500, t)).toBe('ok')
    expect(classifyDuration(501, t)).toBe('warn')
    expect(classifyDuration(2000, t)).toBe('warn')
    expect(classifyDuration(2001, t)).toBe('critical')
  })
})

describe('trackPerformance', () => {
  it('writes nothing for a fast operation and returns its result', async () => {
    const { log, out } = captureLogger()
    const result = await trackPerformance('GET /brands', () => 42, { category: 'api', logger: log, now: took(999) })
    expect(result).toBe(42)
    expect(out.lines).toEqual([])
  })

  it('writes a warn-tier slow_operation_detected past the warn threshold', async () => {
    const { log, out } = captureLogger()
    await trackQuery('SELECT brands', async () => 'rows', { logger: log, now: took(750) })
    expect(out.line).toMatchObject({
      level: 'warn',
      event: 'slow_operation_detected',
      operation: 'SELECT brands',
      category: 'database',
      duration_ms: 750,
      thresholdMs: 500,
      tier: 'warn',
    })
  })

  it('writes only critical_slowness_detected past the critical threshold', async () => {
    const { log, out } = captureLogger()
    await trackExternalCall('fal.ai flux', async () => undefined, { logger: log, now: took(5001) })
    expect(out.line).toMatchObject({
      level: 'warn',
      event: 'critical_slowness_detected',
      operation: 'fal.ai flux',
      category: 'external',
      duration_ms: 5001,
      thresholdMs: 5000,
    })
  })

  it('reads the catalog thresholds table', async () => {
    const { log, out } = captureLogger()
    const thresholds = { external: { warnMs: 10_000, criticalMs: 60_000 } }
    await trackExternalCall('veo render', async () => undefined, { logger: log, thresholds, now: took(30_000) })
    expect(linesOf(out, 'slow_operation_detected')).toHaveLength(1)
    expect(linesOf(out, 'critical_slowness_detected')).toHaveLength(0)
  })

  it('still reports a slow operation that threw, and rethrows its error', async () => {
    const { log, out } = captureLogger()
    const boom = new Error('timeout from provider')
    await expect(
      trackPerformance('POST /logos', () => Promise.reject(boom), { category: 'api', logger: log, now: took(4000) }),
    ).rejects.toBe(boom)
    expect(out.line.event).toBe('critical_slowness_detected')
  })

  it('fails before running the operation when the thresholds are wrong', async () => {
    const { log } = captureLogger()
    let ran = false
    await expect(
      trackPerformance('x', () => (ran = true), { category: 'api', logger: log, threshold: { warnMs: 10, criticalMs: 5 } }),
    ).rejects.toBeInstanceOf(ThresholdError)
    expect(ran).toBe(false)
  })

  it('reports a duration measured elsewhere', () => {
    const { log, out } = captureLogger()
    expect(reportDuration('GET /health', 1200.4567, { category: 'api', logger: log })).toBe('warn')
    expect(out.line).toMatchObject({ event: 'slow_operation_detected', duration_ms: 1200.457 })
  })
})
