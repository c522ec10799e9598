import { describe, expect, it } from 'vitest'
import { maskString } from './secrets.js'

describe('maskString', () => {
  it.each([
    ['calling with Bearer abc.def', 'calling with Bearer [REDACTED]'],
    ['Authorization: bearer eyJx.y-z_1', 'Authorization: bearer [REDACTED]'],
    ['key sk_live_51HxQ2kLmNoPqRsT in text', 'key [REDACTED] in text'],
    ['sk_test_abcdef123456', '[REDACTED]'],
    ['pk_live_abcdef123456 and rk_live_ZZZZZZ99', '[REDACTED] and [REDACTED]'],
    ['whsec_abcdefgh1234', '[REDACTED]'],
    ['OPENAI_API_KEY sk-proj-Ab12Cd34Ef56Gh78Ij90', 'OPENAI_API_KEY [REDACTED]'],
    ['anthropic sk-ant-api03-AAAABBBBCCCCDDDD', 'anthropic [REDACTED]'],
    ['gh token ghp_abcdefghijklmnopqrstuvwxyz0123', 'gh token [REDACTED]'],
    ['slack xoxb-1234567890-abcdef', 'slack [REDACTED]'],
    ['aws AKIAIOSFODNN7EXAMPLE', 'aws [REDACTED]'],
    ['Basic YWRtaW46aHVudGVyMg==', 'Basic [REDACTED]'],
    ['https://x.test/a?key=abc&token=def&page=2', 'https://x.test/a?key=[REDACTED]&token=[REDACTED]&page=2'],
    ['password=hunter2 user=ada', 'password=[REDACTED] user=ada'],
    ['api_key=123;next', 'api_key=[REDACTED];next'],
    ['client_secret=shh', 'client_secret=[REDACTED]'],
    ['failed: token=abc: retry.', 'failed: token=[REDACTED]: retry.'],
    [
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end',
      'jwt [REDACTED] end',
    ],
  ])('masks %j', (input, expected) => {
    expect(maskString(input)).toBe(expected)
  })

  it.each([
    'flux-2-pro',
    'a basic example of Basic authentication',
    'the bearer of news',
    'task-manager',
    'skills and sk-short',
    'monkey business',
    'user_42@example.com',
    '2026-01-01T00:00:00.000Z',
    'b7c9e0a4-5d1e-4f7a-9c3b-2e8f6a1d0b55',
  ])('leaves %j alone, returning the same string', (input) => {
    expect(maskString(input)).toBe(input)
  })
})
