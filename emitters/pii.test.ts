import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { PiiKeyMissingError } from './errors.js'
import { compilePii, createHasher, expandTemplate, resolvePiiKey } from './pii.js'

const hmac = (k: string, v: string): string => createHmac('sha256', k).update(v).digest('hex')

describe('expandTemplate', () => {
  it('expands variables and defaults, and reports unset ones', () => {
    expect(expandTemplate('${A}', { A: 'x' })).toBe('x')
    expect(expandTemplate('${A:-fallback}', {})).toBe('fallback')
    expect(expandTemplate('pre-${A}-${B}', { A: '1', B: '2' })).toBe('pre-1-2')
    expect(expandTemplate('${A}', {})).toBeUndefined()
    expect(expandTemplate('${A}', { A: '' })).toBeUndefined()
  })
})

describe('resolvePiiKey', () => {
  it('prefers the explicit key, then the template, and throws only when hashing needs a key', () => {
    expect(resolvePiiKey({ explicit: 'k', template: '${X}', vars: { X: 'env' }, hashingEvents: ['e'] })).toBe('k')
    expect(resolvePiiKey({ explicit: undefined, template: '${X}', vars: { X: 'env' }, hashingEvents: ['e'] })).toBe('env')
    expect(resolvePiiKey({ explicit: undefined, template: undefined, vars: { PII_HASH_KEY: 'd' }, hashingEvents: [] })).toBe('d')
    expect(resolvePiiKey({ explicit: undefined, template: '${X}', vars: {}, hashingEvents: [] })).toBeUndefined()
    expect(() => resolvePiiKey({ explicit: undefined, template: '${MY_KEY}', vars: {}, hashingEvents: ['a'] })).toThrow(
      PiiKeyMissingError,
    )
    expect(() => resolvePiiKey({ explicit: undefined, template: '${MY_KEY}', vars: {}, hashingEvents: ['a'] })).toThrow(/MY_KEY/)
  })
})

describe('compilePii', () => {
  const hasher = createHasher('k')

  it('hashes strings, numbers and arrays, and redacts', () => {
    const apply = compilePii({ hash: ['email', 'ids', 'n'], redact: ['phone'] }, hasher)
    const line: Record<string, unknown> = { email: 'a@b.c', ids: ['x', 'y'], n: 42, phone: '123', keep: 'k' }
    apply?.(line)
    expect(line).toEqual({ email: hmac('k', 'a@b.c'), ids: [hmac('k', 'x'), hmac('k', 'y')], n: hmac('k', '42'), phone: '[REDACTED]', keep: 'k' })
  })

  it('follows nested paths and arrays of objects, copying what it changes', () => {
    const apply = compilePii({ hash: ['user.email', 'members.email'], redact: [] }, hasher)
    const user = { email: 'u@x', name: 'U' }
    const members = [{ email: 'm@x' }, { name: 'no email' }]
    const line: Record<string, unknown> = { user, members }
    apply?.(line)
    expect(line).toEqual({ user: { email: hmac('k', 'u@x'), name: 'U' }, members: [{ email: hmac('k', 'm@x') }, { name: 'no email' }] })
    expect(user.email).toBe('u@x')
    expect(members[0]?.email).toBe('m@x')
  })

  it('is undefined when there is nothing to treat, and skips absent values', () => {
    expect(compilePii({ hash: [], redact: [] }, hasher)).toBeUndefined()
    const line: Record<string, unknown> = {}
    compilePii({ hash: ['email'], redact: [] }, hasher)?.(line)
    expect(line).toEqual({})
  })

  it('gives the same digest for the same input through the cache', () => {
    const h = createHasher('key')
    expect(h('v')).toBe(hmac('key', 'v'))
    expect(h('v')).toBe(hmac('key', 'v'))
    expect(createHasher('other')('v')).not.toBe(h('v'))
  })
})
