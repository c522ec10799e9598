import { describe, expect, it } from 'vitest'
import { fixtureLogger, LOGO } from './helpers.js'

const STRIPE = 'sk_live_51HxQ2kLmNoPqRsTuVwXyZ0123456789abcd'
const RESTRICTED = 'rk_live_51HxQ2kRESTRICTED0123456789'
const OPENAI = 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34'
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
const BEARER_TOKEN = 'abc.def-ghi_JKL0123'
const BASIC = Buffer.from('admin:hunter2-pass').toString('base64')
const PASSWORD = 'correct-horse-battery-staple'
const SECRETS = [STRIPE, RESTRICTED, OPENAI, JWT, BEARER_TOKEN, BASIC, PASSWORD, 'hunter2']

function expectNoSecret(text: string): void {
  for (const s of SECRETS) expect(text, `secret ${s} leaked`).not.toContain(s)
}

describe('redaction of plain logs', () => {
  it('masks Bearer tokens in the message and redacts secret keys in headers objects', () => {
    const { log, out } = fixtureLogger()
    log.info(
      {
        headers: {
          Authorization: `Bearer ${BEARER_TOKEN}`,
          Cookie: 'session=abc; theme=dark',
          'Set-Cookie': ['sid=1; HttpOnly'],
          'X-Api-Key': 'k_123456',
          'content-type': 'application/json',
        },
      },
      `calling with Bearer ${BEARER_TOKEN}`,
    )
    const line = out.line
    expect(line.msg).toBe('calling with Bearer [REDACTED]')
    expect(line.headers).toEqual({
      Authorization: '[REDACTED]',
      Cookie: '[REDACTED]',
      'Set-Cookie': '[REDACTED]',
      'X-Api-Key': '[REDACTED]',
      'content-type': 'application/json',
    })
    expectNoSecret(out.text)
  })

  it('redacts at any depth, in arrays of objects, and masks secrets inside strings', () => {
    const { log, out } = fixtureLogger()
    const payload = {
      user: { name: 'Ada', password: PASSWORD, profile: { apiKey: 'ak_1', bio: `my key is ${STRIPE}` } },
      integrations: [
        { name: 'stripe', stripe_secret_key: STRIPE },
        { name: 'openai', config: { token: OPENAI, model: 'gpt' } },
        [`url https://x.test/cb?code=1&access_token=${JWT}`, 42, null],
      ],
      note: `Basic ${BASIC}`,
      jwt: JWT,
      restricted: RESTRICTED,
      dsn: { sentry_dsn: 'https://k@o.ingest.sentry.io/1', creditCard: '4242424242424242', ssn: '078-05-1120' },
    }
    const before = JSON.stringify(payload)
    log.warn(payload, 'sync failed for %s with %o', `key=${PASSWORD}`, { secret: 'hunter2' })
    const line = out.line as Record<string, any>
    expect(line.user).toEqual({ name: 'Ada', password: '[REDACTED]', profile: { apiKey: '[REDACTED]', bio: 'my key is [REDACTED]' } })
    expect(line.integrations[0]).toEqual({ name: 'stripe', stripe_secret_key: '[REDACTED]' })
    expect(line.integrations[1].config).toEqual({ token: '[REDACTED]', model: 'gpt' })
    expect(line.integrations[2][0]).toBe('url https://x.test/cb?code=1&access_token=[REDACTED]')
    expect(line.integrations[2].slice(1)).toEqual([42, null])
    expect(line.note).toBe('Basic [REDACTED]')
    expect(line.jwt).toBe('[REDACTED]')
    expect(line.restricted).toBe('[REDACTED]')
    expect(line.dsn).toEqual({ sentry_dsn: '[REDACTED]', creditCard: '[REDACTED]', ssn: '[REDACTED]' })
    expect(line.msg).toContain('sync failed for key=[REDACTED] with')
    expectNoSecret(out.text)
    // the caller's object is untouched
    expect(JSON.stringify(payload)).toBe(before)
  })

  it('redacts err objects: message, stack, cause chain and custom fields', () => {
    const { log, out } = fixtureLogger()
    const cause = new Error(`upstream said: invalid api key ${STRIPE}`)
    const err = Object.assign(new Error(`request failed with Bearer ${BEARER_TOKEN}`, { cause }), {
      statusCode: 401,
      config: { headers: { authorization: `Bearer ${BEARER_TOKEN}` }, url: `https://api.test/v1?api_key=${PASSWORD}` },
      password: PASSWORD,
    })
    log.error({ err, orderId: 'o_1' }, 'charge failed')
    log.error(err)
    const [withObj, bare] = out.lines as Record<string, any>[]
    expect(withObj?.err.type).toBe('Error')
    expect(withObj?.err.statusCode).toBe(401)
    expect(withObj?.err.password).toBe('[REDACTED]')
    expect(withObj?.err.config.headers.authorization).toBe('[REDACTED]')
    expect(withObj?.err.config.url).toBe('https://api.test/v1?api_key=[REDACTED]')
    expect(withObj?.err.message).toBe('request failed with Bearer [REDACTED]: upstream said: invalid api key [REDACTED]')
    expect(withObj?.err.stack).toContain('caused by: Error: upstream said')
    expect(withObj?.msg).toBe('charge failed')
    expect(bare?.msg).toBe('request failed with Bearer [REDACTED]')
    expect(bare?.err.type).toBe('Error')
    expectNoSecret(out.text)
  })

  it('redacts errors nested under other keys and child bindings', () => {
    const { log, out } = fixtureLogger()
    const child = log.child({ token: OPENAI, tenant: 'acme' })
    child.info({ failures: [new Error(`boom ${JWT}`)] }, 'nested')
    const line = out.line as Record<string, any>
    expect(line.token).toBe('[REDACTED]')
    expect(line.tenant).toBe('acme')
    expect(line.failures[0].message).toBe('boom [REDACTED]')
    expectNoSecret(out.text)
  })

  it('keeps the error type of an err bound on a child, and redacts it', () => {
    const { log, out } = fixtureLogger()
    log.child({ err: new TypeError(`bad key ${OPENAI}`) }).emit.logoGenerated(LOGO)
    const line = out.line as Record<string, any>
    expect(line.err.type).toBe('TypeError')
    expect(line.err.message).toBe('bad key [REDACTED]')
    expectNoSecret(out.text)
  })

  it('handles circular objects without looping', () => {
    const { log, out } = fixtureLogger()
    const a: Record<string, unknown> = { name: 'a', password: PASSWORD }
    a.self = a
    log.info({ a }, 'cycle')
    expect((out.line.a as Record<string, unknown>).self).toBe('[Circular]')
    expectNoSecret(out.text)
  })

  it("redacts the catalog's and the caller's extra keys", () => {
    const { log, out } = fixtureLogger({ redact: ['sessionCode'] })
    log.info({ internalNote: 'vip', sessionCode: '9999', other: 'ok' })
    expect(out.line).toMatchObject({ internalNote: '[REDACTED]', sessionCode: '[REDACTED]', other: 'ok' })
  })
})

describe('redaction of catalog events', () => {
  it('redacts secret-named properties, nested catalog keys and secret-looking strings', () => {
    const { log, out } = fixtureLogger()
    log.emit.webhookReceived({
      provider: `stripe (${STRIPE})`,
      token: 'whk_plain_token_value',
      attempts: 2,
      payload: {
        items: [
          { sku: 'sku_1', note: `paid with Bearer ${BEARER_TOKEN}`, internalNote: 'keep out' },
          { sku: 'sku_2', note: 'plain' },
        ],
        signature: 't=1,v1=abcdef',
      },
    })
    const line = out.line as Record<string, any>
    expect(line.provider).toBe('stripe ([REDACTED])')
    expect(line.token).toBe('[REDACTED]')
    expect(line.attempts).toBe(2)
    expect(line.payload.items).toEqual([
      { sku: 'sku_1', note: 'paid with Bearer [REDACTED]', internalNote: '[REDACTED]' },
      { sku: 'sku_2', note: 'plain' },
    ])
    expect(out.text).not.toContain('whk_plain_token_value')
    expect(out.text).not.toContain('keep out')
    expectNoSecret(out.text)
  })

  it('masks secrets in the rendered message too', () => {
    const { log, out } = fixtureLogger()
    log.emit.logoGenerated({ brandId: `b ${JWT}`, jobId: 'j', model: 'ideogram-3', duration_ms: 1, cost: 0 })
    expect(out.line.msg).toBe('Logo generated for b [REDACTED] with ideogram-3')
    expectNoSecret(out.text)
  })
})
