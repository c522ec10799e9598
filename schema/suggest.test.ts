import { expect, test } from 'vitest'
import { closest, editDistance, suggestion } from './suggest.js'

test('edit distance counts a swap of neighbours as one edit', () => {
  expect(editDistance('sentry', 'sentry')).toBe(0)
  expect(editDistance('sentyr', 'sentry')).toBe(1)
  expect(editDistance('posthg', 'posthog')).toBe(1)
  expect(editDistance('abc', '')).toBe(3)
})

test('suggests a close candidate, or lists the choices when none is close', () => {
  expect(closest('sentyr', ['sentry', 'posthog'])).toBe('sentry')
  expect(closest('datadog', ['sentry', 'posthog'])).toBeUndefined()
  expect(suggestion('descripton', ['description', 'owner'])).toBe('; did you mean `description`?')
  expect(suggestion('zzz', ['a', 'b'])).toBe('; expected one of `a`, `b`')
})
