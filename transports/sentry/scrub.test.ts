import { describe, expect, it } from 'vitest'
import { MASK, scrub, scrubString } from './scrub.js'

describe('scrub', () => {
  it('masks bearer tokens and API keys inside free text', () => {
    expect(scrubString('401 with Authorization: Bearer eyJhbGciOi.abc.def123456')).toBe(`401 with Authorization: Bearer ${MASK}`)
    expect(scrubString('openai said no to sk-proj-abcdefghijklmnop1234')).toBe(`openai said no to ${MASK}`)
    expect(scrubString('login password=hunter22&user=bob')).toBe(`login password=${MASK}&user=bob`)
    expect(scrubString('postgres://app:s3cret@db:5432/x')).toBe(`postgres://app:${MASK}@db:5432/x`)
  })

  it('leaves ordinary text and stack frames alone', () => {
    const text = 'TypeError: x is undefined\n    at run (/app/src/tokens.js:3:9)'
    expect(scrubString(text)).toBe(text)
  })

  it('masks values under secret keys at any depth, plus the catalog redact keys', () => {
    const out = scrub({ a: { apiKey: 'abc', nested: [{ Authorization: 'x' }] }, stripeSecret: 's', inputTokens: 5 }, ['stripeSecret'])
    expect(out).toEqual({ a: { apiKey: MASK, nested: [{ Authorization: MASK }] }, stripeSecret: MASK, inputTokens: 5 })
  })

  it('returns a copy', () => {
    const input = { token: 't' }
    scrub(input)
    expect(input.token).toBe('t')
  })
})
