import { describe, expect, it } from 'vitest'
import { getContext } from '../../emitters/context.js'
import { captureLogger } from '../../test/integrations/capture-logger.js'
import { MonitorConfigError, withMonitor } from './cron.js'

function clock(...ticks: number[]): () => number {
  let i = 0
  return () => ticks[Math.min(i++, ticks.length - 1)] as number
}

const SPEC = { slug: 'daily-cost-report', schedule: '0 8 * * *', maxRuntime: '10m' } as const

describe('withMonitor', () => {
  it('writes started then completed with the duration and one check-in id, and returns the result', async () => {
    const { log, out } = captureLogger()
    let seen: unknown
    const result = await withMonitor(
      SPEC,
      () => {
        seen = getContext()
        return 'done'
      },
      { logger: log, now: clock(10, 260) },
    )
    expect(result).toBe('done')
    const [started, completed] = out.lines
    expect(out.lines).toHaveLength(2)
    expect(started).toMatchObject({
      level: 'info',
      event: 'cron_job_started',
      slug: 'daily-cost-report',
      schedule: '0 8 * * *',
      maxRuntime: 10,
      timezone: 'UTC',
    })
    expect(started?.checkInId).toMatch(/^[0-9a-f]{32}$/)
    expect(completed).toMatchObject({ event: 'cron_job_completed', slug: 'daily-cost-report', duration_ms: 250, checkInId: started?.checkInId })
    expect(seen).toMatchObject({ cronSlug: 'daily-cost-report', checkInId: started?.checkInId })
  })

  it('writes cron_job_failed at error level with the serialized err and rethrows', async () => {
    const { log, out } = captureLogger()
    const boom = new TypeError('report query failed')
    await expect(
      withMonitor({ ...SPEC, timezone: 'Europe/Paris' }, () => Promise.reject(boom), { logger: log, now: clock(0, 1500), checkInId: 'abc' }),
    ).rejects.toBe(boom)
    const failed = out.lines[1]
    expect(failed).toMatchObject({
      level: 'error',
      event: 'cron_job_failed',
      kind: 'error',
      duration_ms: 1500,
      error: 'report query failed',
      checkInId: 'abc',
      timezone: 'Europe/Paris',
      err: { type: 'TypeError', message: 'report query failed' },
    })
    expect(String((failed?.err as { stack?: string }).stack)).toContain('cron.test.ts')
  })

  it('rejects a bad slug, schedule, time zone or max runtime before running', async () => {
    const { log, out } = captureLogger()
    const bad = [
      { ...SPEC, slug: 'Daily Report' },
      { ...SPEC, schedule: 'every day' },
      { ...SPEC, timezone: 'Mars/Olympus' },
      { ...SPEC, maxRuntime: 'soon' },
      { ...SPEC, maxRuntime: 0 },
    ]
    for (const spec of bad) {
      await expect(withMonitor(spec, () => 1, { logger: log })).rejects.toBeInstanceOf(MonitorConfigError)
    }
    expect(out.lines).toEqual([])
  })
})
