import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../worker/delivery/types.js'
import { checkInFromLine, isCronLine } from './check-in.js'
import { sentryEventId } from './encode.js'

const scope = { environment: 'production', release: 'api@1.2.3', normalizeId: sentryEventId }
const MONITOR = { slug: 'nightly-sync', checkInId: 'a'.repeat(32), schedule: '0 3 * * *', maxRuntime: 20, timezone: 'Europe/Paris' }

function line(event: string, fields: Record<string, unknown> = {}): LogLine {
  return { level: 'info', time: '2025-06-01T03:00:00.000Z', eventId: '0f8fad5b-d9cb-469f-a165-708677289501', event, ...MONITOR, ...fields }
}

describe('cron check-ins', () => {
  it('maps started, completed and failed to in_progress, ok and error with the duration in seconds', () => {
    const config = { schedule: { type: 'crontab', value: '0 3 * * *' }, max_runtime: 20, timezone: 'Europe/Paris' }
    expect(checkInFromLine(line('cron_job_started'), scope)).toEqual({
      check_in_id: 'a'.repeat(32),
      monitor_slug: 'nightly-sync',
      status: 'in_progress',
      environment: 'production',
      release: 'api@1.2.3',
      monitor_config: config,
    })
    expect(checkInFromLine(line('cron_job_completed', { duration_ms: 1250 }), scope)).toMatchObject({ status: 'ok', duration: 1.25 })
    expect(checkInFromLine(line('cron_job_failed', { duration_ms: 80 }), scope)).toMatchObject({ status: 'error', duration: 0.08 })
  })

  it('derives a stable id from the eventId when the line has no checkInId, and sends no config without a schedule', () => {
    const checkIn = checkInFromLine(line('cron_job_completed', { checkInId: undefined, schedule: undefined }), { normalizeId: sentryEventId })
    expect(checkIn).toEqual({ check_in_id: '0f8fad5bd9cb469fa165708677289501', monitor_slug: 'nightly-sync', status: 'ok' })
  })

  it('ignores other lines and cron lines without a slug', () => {
    expect(isCronLine(line('job_started'))).toBe(false)
    expect(checkInFromLine(line('job_started'), scope)).toBeUndefined()
    expect(checkInFromLine(line('cron_job_started', { slug: undefined }), scope)).toBeUndefined()
  })
})
