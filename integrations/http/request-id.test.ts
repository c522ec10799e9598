import { describe, expect, it } from 'vitest'
import { isValidRequestId, requestIdFrom } from './request-id.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('requestIdFrom', () => {
  it('keeps a printable id up to 128 characters', () => {
    expect(requestIdFrom('req-abc_123')).toBe('req-abc_123')
    expect(requestIdFrom('a'.repeat(128))).toBe('a'.repeat(128))
    expect(requestIdFrom(['first', 'second'])).toBe('first')
  })

  it('replaces a missing, empty, too long or unprintable id with a new UUID', () => {
    for (const bad of [undefined, '', 'a'.repeat(129), 'line\nbreak', 'tab\tbed', ' padded', 'é-accent', 'nul\u0000']) {
      expect(requestIdFrom(bad)).toMatch(UUID)
    }
  })

  it('uses the given generator', () => {
    expect(requestIdFrom(undefined, () => 'generated')).toBe('generated')
  })

  it('validates without generating', () => {
    expect(isValidRequestId('ok id')).toBe(true)
    expect(isValidRequestId(42)).toBe(false)
  })
})
