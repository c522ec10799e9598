import { describe, expect, it } from 'vitest'
import { DEFAULT_RATE_LIMIT_MS, parseSentryRateLimits, rateLimitWait, RateLimitWindows } from './rate-limits.js'

describe('Sentry rate limits', () => {
  it('reads the longest wait that applies to events', () => {
    expect(parseSentryRateLimits('60:error;transaction:key, 2700:default:organization')).toBe(2_700_000)
    expect(parseSentryRateLimits('30:transaction:key, 12:error:key')).toBe(12_000)
  })

  it('applies an entry without categories to everything', () => {
    expect(parseSentryRateLimits('45::organization')).toBe(45_000)
  })

  it('ignores entries for other categories and garbage', () => {
    expect(parseSentryRateLimits('60:transaction:key')).toBeUndefined()
    expect(parseSentryRateLimits('soon')).toBeUndefined()
    expect(parseSentryRateLimits(null)).toBeUndefined()
  })

  it('falls back to Retry-After, then to 60 seconds', () => {
    expect(rateLimitWait({ 'x-sentry-rate-limits': null, 'retry-after': '7' })).toBe(7000)
    expect(rateLimitWait({ 'x-sentry-rate-limits': '3:error:key', 'retry-after': '7' })).toBe(3000)
    expect(rateLimitWait({})).toBe(DEFAULT_RATE_LIMIT_MS)
  })

  it('reads the monitor category for check-ins', () => {
    expect(parseSentryRateLimits('60:error:key, 90:monitor:organization', 'monitor')).toBe(90_000)
    expect(parseSentryRateLimits('60:error:key', 'monitor')).toBeUndefined()
    expect(parseSentryRateLimits('30::organization', 'monitor')).toBe(30_000)
    expect(rateLimitWait({ 'x-sentry-rate-limits': '5:monitor:key' }, 0, 'monitor')).toBe(5000)
  })

  it('keeps one window per category, from any answer that carries the header', () => {
    const windows = new RateLimitWindows()
    windows.update(200, { 'x-sentry-rate-limits': '10:monitor:key' }, 'error', 1000)
    expect(windows.until('monitor')).toBe(11_000)
    expect(windows.until('error')).toBe(0)
    windows.update(429, { 'retry-after': '3' }, 'error', 1000)
    expect(windows.until('error')).toBe(4000)
    expect(windows.until('monitor')).toBe(11_000)
  })
})
