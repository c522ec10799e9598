import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createLogger, PiiKeyMissingError } from '../../emitters/index.js'
import { CaptureStream } from './capture.js'
import { fixtureCatalog } from './fixture-catalog.js'
import { fixtureLogger } from './helpers.js'

const EMAIL = 'ada.lovelace@example.com'
const PHONE = '+44 20 7946 0958'

function signup(piiKey: string): Record<string, unknown> {
  const { log, out } = fixtureLogger({ piiKey })
  log.emit.userSignedUp({ userId: 'u_1', email: EMAIL, plan: 'pro', phone: PHONE })
  expect(out.text).not.toContain(EMAIL)
  expect(out.text).not.toContain(PHONE)
  return out.line
}

describe('PII', () => {
  it('hashes with HMAC-SHA256 hex, stable across loggers with the same key', () => {
    const a = signup('key-one-0123456789')
    const b = signup('key-one-0123456789')
    expect(a.email).toBe(createHmac('sha256', 'key-one-0123456789').update(EMAIL).digest('hex'))
    expect(a.email).toBe(b.email)
  })

  it('gives a different hash under another key', () => {
    expect(signup('key-one-0123456789').email).not.toBe(signup('key-two-0123456789').email)
  })

  it('writes [REDACTED] for pii: redact and leaves pii: keep and plain properties', () => {
    const line = signup('k-0123456789')
    expect(line.phone).toBe('[REDACTED]')
    expect(line.userId).toBe('u_1')
    expect(line.plan).toBe('pro')
  })

  it('hashes nested paths without touching the caller object', () => {
    const { log, out } = fixtureLogger({ piiKey: 'nested-key' })
    const props = { reason: 'declined', amount: 10, customer: { email: EMAIL, country: 'GB' } }
    log.emit.paymentFailed(props)
    const customer = out.line.customer as Record<string, unknown>
    expect(customer.email).toBe(createHmac('sha256', 'nested-key').update(EMAIL).digest('hex'))
    expect(customer.country).toBe('GB')
    expect(props.customer.email).toBe(EMAIL)
    expect(out.text).not.toContain(EMAIL)
  })

  it('reads the key from the catalog variable (PII_HASH_KEY)', () => {
    const out = new CaptureStream()
    const log = createLogger({ catalog: fixtureCatalog, destination: out, env: 'test', vars: { PII_HASH_KEY: 'from-env-key' } })
    log.emit.userSignedUp({ userId: 'u', email: EMAIL, plan: 'free' })
    expect(out.line.email).toBe(createHmac('sha256', 'from-env-key').update(EMAIL).digest('hex'))
  })

  it('refuses to start without a key when an event hashes, naming the variable to set', () => {
    let caught: unknown
    try {
      createLogger({ catalog: fixtureCatalog, destination: new CaptureStream(), env: 'test', vars: {} })
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(PiiKeyMissingError)
    expect((caught as PiiKeyMissingError).code).toBe('LINECAST_PII_KEY_MISSING')
    expect((caught as Error).message).toContain('PII_HASH_KEY')
    expect((caught as Error).message).toContain('user_signed_up')
  })
})
