import type { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { EmitOptionsError, EventValidationError, INVALID_EVENT } from '../../emitters/index.js'
import { fixtureLogger, LOGO } from './helpers.js'

const BEARER_TOKEN = 'abc.def-ghi_JKL0123'

describe('emit options: level', () => {
  it('writes the line at the given level, on both forms, on the fast and the pino writer paths', () => {
    for (const path of ['fast', 'pino'] as const) {
      const { log, out } = fixtureLogger()
      // a child with formatters.log writes through pino's own writer (write.ts)
      const target = path === 'fast' ? log : log.child({}, { formatters: { log: (o) => o } })
      target.emit.logoGenerated(LOGO, { level: 'warn' })
      target.emit('logo_generated', LOGO, { level: 'error' })
      target.emit.logoGenerated(LOGO)
      expect(out.lines.map((l) => [l.level, l.event])).toEqual([
        ['warn', 'logo_generated'],
        ['error', 'logo_generated'],
        ['info', 'logo_generated'],
      ])
    }
  })

  it('does not write a line whose level is below the logger threshold', () => {
    const { log, out } = fixtureLogger({ level: 'warn' })
    log.emit.logoGenerated(LOGO, { level: 'info' })
    log.emit('payment_failed', { reason: 'declined', amount: 1, customer: { email: 'a@b.c', country: 'FR' } }, { level: 'debug' })
    expect(out.text).toBe('')
    // a debug event raised above the threshold is written
    log.emit.legacyExport({ rows: 3 }, { level: 'error' })
    expect(out.line).toMatchObject({ level: 'error', event: 'legacy_export', rows: 3 })
  })

  it('still validates: invalid props throw, or become an invalid_event line in production', () => {
    const { log } = fixtureLogger()
    expect(() => log.emit.logoGenerated({ ...LOGO, cost: 'free' } as never, { level: 'warn' })).toThrow(EventValidationError)
    const prod = fixtureLogger({ env: 'production' })
    prod.log.emit('logo_generated', { ...LOGO, cost: 'free' } as never, { level: 'warn', err: new Error('x') })
    expect(prod.out.line).toMatchObject({ level: 'error', event: INVALID_EVENT, invalidEvent: 'logo_generated' })
  })

  it('rejects a level pino does not know', () => {
    const { log, out } = fixtureLogger()
    expect(() => log.emit.logoGenerated(LOGO, { level: 'loud' as never })).toThrow(EmitOptionsError)
    expect(out.text).toBe('')
  })
})

describe('emit options: err', () => {
  it('writes err through the err serializer: type, message and stack, redacted', () => {
    const { log, out } = fixtureLogger()
    class PaymentError extends Error {}
    const err = Object.assign(new PaymentError(`charge failed with Bearer ${BEARER_TOKEN}`), { password: 'hunter2' })
    log.emit('payment_failed', { reason: 'declined', amount: 5, customer: { email: 'a@b.c', country: 'FR' } }, { err })
    const line = out.line
    expect(line).toMatchObject({ level: 'error', event: 'payment_failed', kind: 'error', reason: 'declined' })
    const written = line.err as Record<string, unknown>
    expect(written.type).toBe('PaymentError')
    expect(written.message).toBe('charge failed with Bearer [REDACTED]')
    expect(written.password).toBe('[REDACTED]')
    expect(String(written.stack)).toContain('charge failed with Bearer [REDACTED]')
    expect(String(written.stack)).toContain('emit-options.test.ts')
    expect(out.text).not.toContain(BEARER_TOKEN)
    expect(out.text).not.toContain('hunter2')
  })

  it('combines err with a level override on the helper form', () => {
    const { log, out } = fixtureLogger()
    log.emit.logoGenerated(LOGO, { level: 'warn', err: new Error('slow') })
    expect(out.line).toMatchObject({ level: 'warn', event: 'logo_generated', err: { type: 'Error', message: 'slow' } })
  })
})

describe('emit options and pino events', () => {
  it('keeps EventEmitter calls working: level-change, listener events, non-catalog names with arguments', () => {
    const { log, out } = fixtureLogger()
    const changes: string[] = []
    log.on('level-change', (lvl: string) => changes.push(lvl))
    log.level = 'debug'
    expect(changes).toEqual(['debug'])
    const seen: unknown[] = []
    const emitter = log as unknown as EventEmitter
    emitter.on('custom', (...args: unknown[]) => seen.push(args))
    ;(log.emit as unknown as (...a: unknown[]) => boolean)('custom', 1, 2)
    expect(seen).toEqual([[1, 2]])
    // a catalog name with more than three arguments is EventEmitter's
    ;(log.emit as unknown as (...a: unknown[]) => boolean)('logo_generated', LOGO, {}, 'extra')
    expect(out.text).toBe('')
  })
})
