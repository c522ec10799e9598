import { describe, expect, it } from 'vitest'
import type { CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { parseSettings } from '../http/settings.js'
import { emailSettingsSchema } from './config.js'
import { createEmailEncoder } from './encode.js'

const catalog = { context: ['requestId', 'userId'], events: {}, alerts: {} } as unknown as CompiledCatalog
const settings = parseSettings(emailSettingsSchema, { host: 'h', from: 'a@b.c', to: ['x@y.z'] }, 'reports', 'email')
const encode = createEmailEncoder(settings, catalog)

describe('email encode', () => {
  it('titles a cost report with its period and total and keeps context out of the figures', () => {
    const item = encode({
      level: 'info',
      time: '2025-04-01T06:00:00.000Z',
      eventId: 'e-1',
      event: 'cost_report_generated',
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-04-01T00:00:00.000Z',
      totalUsd: 12.5,
      requestId: 'req-1',
    })
    expect(item.subject).toBe('[linecast] Cost report 2025-03-01 to 2025-04-01: $12.50')
    expect(item.eventId).toBe('e-1')
    expect(item.text).toMatch(/totalUsd\s+\$12\.50/)
    expect(item.text).not.toMatch(/requestId\s+req-1/)
    expect(item.text).toContain('requestId: req-1')
  })

  it('titles an error event in words with its message and shows the error, escaped in HTML', () => {
    const line: LogLine = { level: 'error', time: 't', eventId: 'e-2', event: 'cron_failed', msg: 'nightly <sync>\nfailed', err: { type: 'TimeoutError', message: 'took too long' }, job: 'sync' }
    const item = encode(line)
    expect(item.subject).toBe('[linecast] Cron failed: nightly <sync> failed')
    expect(item.text).toContain('TimeoutError: took too long')
    expect(item.html).toContain('nightly &lt;sync&gt;')
    expect(item.html).not.toContain('<sync>')
  })
})
