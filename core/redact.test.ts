import { describe, expect, it } from 'vitest'
import { createRedactor } from './redact.js'

describe('createRedactor', () => {
  const r = createRedactor(['internalNote', 'billing.cardHolder'])

  it('matches built-in keys case-insensitively, ignoring - and _, plus secret suffixes', () => {
    for (const k of ['Authorization', 'set-cookie', 'X-API-KEY', 'api_key', 'apiKey', 'ACCESS_TOKEN', 'clientSecret', 'db_password', 'ssn', 'internalNote', 'cardHolder']) {
      expect(r.isSecretKey(k), k).toBe(true)
    }
    for (const k of ['input_tokens', 'max_tokens', 'tokenCount', 'name', 'keyboard', 'model']) {
      expect(r.isSecretKey(k), k).toBe(false)
    }
  })

  it('returns the same object when nothing changes, and copies only the changed branch', () => {
    const clean = { a: 1, b: { c: 'text', d: [1, 2, { e: 'ok' }] } }
    expect(r.redact(clean)).toBe(clean)
    const dirty = { keep: { x: 1 }, change: { password: 'p' } }
    const out = r.redact(dirty) as typeof dirty
    expect(out).not.toBe(dirty)
    expect(out.keep).toBe(dirty.keep)
    expect(out.change).toEqual({ password: '[REDACTED]' })
    expect(dirty.change.password).toBe('p')
  })

  it('leaves the top-level err field to the err serializer in redactFields', () => {
    const err = new Error('x')
    expect((r.redactFields({ err, token: 't' }) as { err: unknown }).err).toBe(err)
  })

  it('serializes errors with causes, masking and redacting their fields', () => {
    const e = Object.assign(new Error('outer token=abc', { cause: new Error('inner Bearer zzz') }), { apiKey: 'k', code: 'E1' })
    const s = r.serializeError(e) as Record<string, unknown>
    expect(s).toMatchObject({ type: 'Error', message: 'outer token=[REDACTED]: inner Bearer [REDACTED]', apiKey: '[REDACTED]', code: 'E1' })
    expect(String(s.stack)).not.toContain('zzz')
    expect(s).not.toHaveProperty('raw')
  })

  it('truncates values nested too deep to walk', () => {
    let deep: Record<string, unknown> = { secret: 'x' }
    for (let i = 0; i < 40; i++) deep = { next: deep }
    expect(JSON.stringify(r.redact(deep))).not.toContain('"x"')
  })
})
