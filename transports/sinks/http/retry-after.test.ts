import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './retry-after.js'

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z')

  it('reads delta seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter('1.5', now)).toBe(1500)
  })

  it('reads an HTTP date relative to now and never goes negative', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:01:00 GMT', now)).toBe(60_000)
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0)
  })

  it('gives undefined for absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
    expect(parseRetryAfter('later', now)).toBeUndefined()
  })
})
