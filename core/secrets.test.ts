import { describe, expect, it } from 'vitest'
import { leakedSecrets, SECRET_CORPUS } from '../test/support/secret-corpus.js'
import { SECRET_SOURCE, SECRET_TRIGGER_SOURCE } from './secret-patterns.js'
import { maskLineText, maskString } from './secrets.js'

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

describe('maskString on the secret corpus', () => {
  it.each(SECRET_CORPUS.map((s) => [s.name, s] as const))('masks %s', (_name, shape) => {
    const masked = maskString(`context before ${shape.text} context after`)
    expect(leakedSecrets(masked)).toEqual([])
    expect(masked).toContain('[REDACTED]')
    expect(masked.startsWith('context before ')).toBe(true)
  })

  it.each([
    ['scheme://user:pass@ keeps the user and host', 'postgres://admin:pw1@db:5432/x', 'postgres://admin:[REDACTED]@db:5432/x'],
    ['JSON held in a string stays JSON', '{"password":"p","n":1}', '{"password":"[REDACTED]","n":1}'],
    ['escaped JSON inside JSON text', '{\\"token\\":\\"abc\\"}', '{\\"token\\":\\"[REDACTED]\\"}'],
    ['a header value runs to the end of its line', 'cookie: a=1; b=2\r\nhost: x', 'cookie: [REDACTED]\r\nhost: x'],
    ['the auth scheme stays readable', 'authorization: Token abc', 'authorization: Token [REDACTED]'],
    ['booleans and null under a secret name are kept', '{"has_password":true,"token":null}', '{"has_password":true,"token":null}'],
  ])('%s', (_name, input, expected) => {
    expect(maskString(input)).toBe(expected)
  })

  it('parses short JSON text when a secret key holds an object', () => {
    expect(JSON.parse(maskString('{"secret":{"v":"deep"},"keep":1}'))).toEqual({ secret: '[REDACTED]', keep: 1 })
  })

  it.each(['max_tokens: 5', 'input_tokens=3', 'passwordless: true', 'secretary: Bob', 'cookie_consent: yes'])('leaves %j alone', (s) => {
    expect(maskString(s)).toBe(s)
  })

  it('stays linear on hostile input (no catastrophic backtracking)', () => {
    const hostile = ['a.'.repeat(200_000), 'password'.repeat(50_000), '-----BEGIN PRIVATE KEY-----'.repeat(2000), 'x://'.repeat(100_000)]
    for (const s of hostile) expect(typeof maskString(s)).toBe('string')
  })
})

describe('maskLineText', () => {
  const line = (o: unknown): string => JSON.stringify(o)

  it('returns the line itself when nothing matches', () => {
    const raw = line({ level: 'info', msg: 'Logo generated', brandId: 'b_1', cost: 0.06 })
    expect(maskLineText(raw)).toBe(raw)
  })

  it.each(SECRET_CORPUS.map((s) => [s.name, s] as const))('masks %s at any depth and keeps the line JSON', (_name, shape) => {
    const raw = line({
      level: 'error',
      msg: `failed: ${shape.text}`,
      data: JSON.stringify({ body: shape.text }),
      nested: { deeper: [shape.text] },
      err: { message: shape.text, stack: `Error: ${shape.text}\n    at x (file.js:1:1)` },
    })
    const masked = maskLineText(raw)
    expect(leakedSecrets(masked)).toEqual([])
    expect(() => JSON.parse(masked) as unknown).not.toThrow()
  })

  it('masks the line keys that name a secret, whatever their value', () => {
    const raw = line({ level: 'info', token: 123456, password: 'p', has_password: true, secret: { v: 'deep' }, cookie: ['a=1'] })
    expect(JSON.parse(maskLineText(raw))).toEqual({
      level: 'info',
      token: '[REDACTED]',
      password: '[REDACTED]',
      has_password: true,
      secret: '[REDACTED]',
      cookie: '[REDACTED]',
    })
  })

  it('masks JSON text escaped inside a string of the line', () => {
    const raw = line({ msg: 'x', data: '{"password":"hunter2"}' })
    expect(raw).toContain('{\\"password\\":\\"hunter2\\"}')
    expect(JSON.parse(maskLineText(raw))).toEqual({ msg: 'x', data: '{"password":"[REDACTED]"}' })
  })
})

describe('maskLineText keeps every line JSON', () => {
  it('for each shape held at escaping depths 0 to 3, whole or cut short', () => {
    for (const shape of SECRET_CORPUS) {
      let held = shape.text
      for (let depth = 0; depth < 4; depth++) {
        for (const cut of [held.length, Math.floor(held.length / 2), 7]) {
          const raw = JSON.stringify({ msg: 'x', data: held.slice(0, cut), obj: { password: { v: held.slice(0, cut) } } })
          const masked = maskLineText(raw)
          expect(() => JSON.parse(masked) as unknown, `${shape.name} at depth ${depth}, cut ${cut}: ${masked}`).not.toThrow()
        }
        held = JSON.stringify({ password: held, inner: held })
      }
    }
  })

  it('for shapes mixed, nested and cut at seeded random places', () => {
    let seed = 42
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let i = 0; i < 400; i++) {
      const a = SECRET_CORPUS[next(SECRET_CORPUS.length)] as (typeof SECRET_CORPUS)[number]
      const b = SECRET_CORPUS[next(SECRET_CORPUS.length)] as (typeof SECRET_CORPUS)[number]
      let held = `${a.text} token: ${b.text} {"secret":{"x":"${b.text}"`
      for (let d = next(4); d > 0; d--) held = JSON.stringify({ cookie: held, note: held.slice(0, next(held.length + 1)) })
      const raw = JSON.stringify({ msg: held.slice(0, next(held.length + 1)), authorization: held })
      const masked = maskLineText(raw)
      expect(() => JSON.parse(masked) as unknown, masked).not.toThrow()
    }
  })

  it('masks a cut PEM block to the end of its string, and stays linear on repeated headers', () => {
    const head = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC'
    const raw = JSON.stringify({ a: `key ${head}`, b: 'after' })
    expect(JSON.parse(maskLineText(raw))).toEqual({ a: 'key [REDACTED]', b: 'after' })
    const hostile = '-----BEGIN PRIVATE KEY-----'.repeat(200_000)
    expect(maskString(hostile)).toBe('[REDACTED]')
  })
})

describe('the pre-check', () => {
  const full = new RegExp(SECRET_SOURCE, 'g')
  const trigger = new RegExp(SECRET_TRIGGER_SOURCE)
  /** every match of the full pattern, on its own (with the `@` URL credentials look ahead to), must trip the pre-check */
  const uncovered = (text: string): string[] =>
    [...text.matchAll(full)].map((m) => text.slice(m.index, m.index + m[0].length + 1)).filter((m) => !trigger.test(m))

  it('is tripped by every match of the full pattern in the corpus, at every escaping depth', () => {
    for (const shape of SECRET_CORPUS) {
      let held = shape.text
      for (let depth = 0; depth < 4; depth++) {
        expect(uncovered(held), `${shape.name} at depth ${depth}`).toEqual([])
        expect(trigger.test(held), `${shape.name} at depth ${depth}`).toBe(true)
        held = JSON.stringify({ password: held, inner: held })
      }
    }
  })

  it.each([
    'password = hunter2',
    "api-KEY\\\\'  :x",
    'pwd=1',
    'SIG=abc',
    'Auth=abc',
    'Authorization:\tToken abc',
    'redis://:pw@host',
    'x://u:p@h',
    'AKIAABCDEFGHIJKLMNOP',
    'ASIAABCDEFGHIJKLMNOP',
    'ABIAABCDEFGHIJKLMNOP',
    'ACCAABCDEFGHIJKLMNOP',
    'AIzaSyA-abcdefghijklmnopqrstuvwxyz01234',
    'github_pat_11ABCDEFGHIJKLMNOPQRSTUV',
    'hooks.slack.com/services/T0/B0/xyzxyzxyz',
    'SG.abcdefghijklmnopqr.abcdefghijklmnopqr',
    'BASIC dXNlcjpwYXNzd29yZA==',
    'bearer\nabc.def.ghi',
    '-----BEGIN OPENSSH PRIVATE KEY-----',
  ])('is tripped by %j', (text) => {
    expect(new RegExp(SECRET_SOURCE).test(text), 'the full pattern matches').toBe(true)
    expect(uncovered(text)).toEqual([])
  })

  it('passes a clean line without the full scan', () => {
    const line = JSON.stringify({ level: 'info', time: '2026-01-01T00:00:00.000Z', eventId: 'b7c9e0a4-5d1e-4f7a-9c3b-2e8f6a1d0b55', brandId: 'brand-1', model: 'flux-2-pro', msg: 'Logo generated for brand-1 with flux-2-pro' })
    expect(trigger.test(line)).toBe(false)
  })
})
