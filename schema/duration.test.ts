import { describe, expect, test } from 'vitest'
import { InvalidDurationError, parseDuration } from './duration.js'

describe('parseDuration', () => {
  test.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1m', 60_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['90d', 90 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['1.5h', 5_400_000],
    [' 10s ', 10_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  test.each(['', '10', 'm', '5 minutes', '-1m', '0s', '1y', '1h30m', 'abc'])('rejects %j with a message that shows the format', (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidDurationError)
    try {
      parseDuration(text)
    } catch (error) {
      expect((error as InvalidDurationError).code).toBe('LINECAST_INVALID_DURATION')
      expect((error as Error).message).toContain('e.g. 500ms, 30s, 5m, 1h')
    }
  })
})
