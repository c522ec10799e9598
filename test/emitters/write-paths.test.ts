import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createLogger, withContext } from '../../emitters/index.js'
import { CaptureStream } from './capture.js'
import { FIXTURE_PII_KEY, fixtureCatalog } from './fixture-catalog.js'
import { LOGO } from './helpers.js'

/** The same calls through the compiled serializer and through pino's own writer (multistream forces it). */
function bothPaths(calls: (log: ReturnType<typeof createLogger<object>>) => void): [string[], string[]] {
  const fastOut = new CaptureStream()
  const slowOut = new CaptureStream()
  const opts = { catalog: fixtureCatalog, piiKey: FIXTURE_PII_KEY, env: 'production', level: 'debug' } as const
  const fast = createLogger({ ...opts, destination: fastOut })
  const slow = createLogger({ ...opts, destination: pino.multistream([{ stream: slowOut, level: 'trace' }]) })
  calls(fast as never)
  calls(slow as never)
  const norm = (text: string): string[] =>
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/"time":"[^"]+"/, '"time":"T"').replace(/"eventId":"[^"]+"/, '"eventId":"ID"'))
  return [norm(fastOut.text), norm(slowOut.text)]
}

describe('the compiled event serializer', () => {
  it("writes byte for byte what pino's own writer writes", () => {
    const [fast, slow] = bothPaths((log) => {
      const emit = log.emit as unknown as (n: string, p: unknown) => void
      emit('logo_generated', { ...LOGO, prompt: 'a "quoted"\nline with \\ and émoji 🎨' })
      emit('user_signed_up', { userId: 'u_1', email: 'a@b.co', plan: 'pro', phone: '123' })
      emit('payment_failed', { reason: 'x', amount: Number.MAX_SAFE_INTEGER, customer: { email: 'c@d.e', country: 'FR' } })
      emit('legacy_export', { rows: 0 })
      withContext({ requestId: 'req "1"', userId: 'u_ctx', tenant: 't' }, () => {
        emit('logo_generated', LOGO)
        emit('user_signed_up', { userId: 'u_prop', email: 'a@b.co', plan: 'free' })
      })
      const child = (log as unknown as { child(b: object): { emit: typeof emit } }).child({ jobId: 'job_c', n: 1 })
      child.emit('webhook_received', { provider: 'p', token: 't', attempts: 3, payload: { items: [{ sku: 's', note: 'n' }] } })
    })
    expect(fast).toHaveLength(7)
    expect(fast).toEqual(slow)
  })
})
