import { describe, expect, it } from 'vitest'
import { EventValidationError, UnknownEventError } from '../../emitters/index.js'
import { LinecastError } from '../../core/errors.js'
import { fixtureLogger, LOGO } from './helpers.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('log.emit', () => {
  it('writes one flat JSON line with level label, ISO time, service, env, eventId, event, kind, properties and msg', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    log.emit.logoGenerated(LOGO)
    const line = out.line
    expect(Object.keys(line)).toEqual([
      'level', 'time', 'service', 'env', 'eventId', 'event', 'kind',
      'brandId', 'jobId', 'model', 'duration_ms', 'cost', 'msg',
    ])
    expect(line).toMatchObject({
      level: 'info',
      service: 'bmn-api',
      env: 'production',
      event: 'logo_generated',
      kind: 'analytics',
      ...LOGO,
      msg: 'Logo generated for b_1 with flux-2-pro',
    })
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(line.eventId).toMatch(UUID_V4)
    expect(line).not.toHaveProperty('pid')
    expect(line).not.toHaveProperty('hostname')
  })

  it('writes the same line through the keyed form', () => {
    const { log, out } = fixtureLogger()
    log.emit('logo_generated', LOGO)
    expect(out.line).toMatchObject({ event: 'logo_generated', ...LOGO })
  })

  it('gives every line a distinct eventId, plain logs included', () => {
    const { log, out } = fixtureLogger()
    log.emit.logoGenerated(LOGO)
    log.emit.logoGenerated(LOGO)
    log.info('plain')
    const ids = out.lines.map((l) => l.eventId)
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(3)
  })

  it("writes at the event's catalog level and respects the logger level", () => {
    const { log, out } = fixtureLogger({ level: 'info' })
    log.emit.paymentFailed({ reason: 'card_declined', amount: 12, customer: { email: 'a@b.co', country: 'FR' } })
    log.emit.legacyExport({ rows: 3 }) // debug: below info
    expect(out.lines.map((l) => [l.event, l.level])).toEqual([['payment_failed', 'error']])
    log.level = 'debug'
    log.emit.legacyExport({ rows: 3 })
    expect(out.lines).toHaveLength(2)
  })

  it('still emits deprecated events and marks their lines deprecated: true', () => {
    const { log, out } = fixtureLogger({ level: 'debug' })
    log.emit.legacyExport({ rows: 7 })
    expect(out.line).toMatchObject({ event: 'legacy_export', deprecated: true, rows: 7, msg: 'legacy_export', level: 'debug' })
  })

  it('uses the event name as msg when the event has no template', () => {
    const { log, out } = fixtureLogger()
    log.emit.paymentFailed({ reason: 'x', amount: 1, customer: { email: 'a@b.co', country: 'DE' } })
    expect(out.line.msg).toBe('payment_failed')
  })

  it('renders message placeholders from context when the property is absent', async () => {
    const { withContext } = await import('../../emitters/index.js')
    const { log, out } = fixtureLogger()
    withContext({ requestId: 'req_9' }, () =>
      log.emit.webhookReceived({ provider: 'stripe', token: 't', attempts: 1, payload: { items: [] } }),
    )
    expect(out.line.msg).toBe('Webhook from stripe (request req_9)')
  })

  it('keeps emit and bindings on children, at any depth', () => {
    const { log, out } = fixtureLogger()
    const child = log.child({ jobId: 'job_9' })
    const grandchild = child.child({ tenant: 'acme' })
    child.emit.logoGenerated(LOGO)
    grandchild.emit('logo_generated', LOGO)
    grandchild.info('plain from grandchild')
    const [a, b, c] = out.lines
    expect(a).toMatchObject({ event: 'logo_generated', jobId: 'job_123' })
    expect(out.text.split('\n')[0]).toContain('"jobId":"job_9"')
    expect(b).toMatchObject({ tenant: 'acme', event: 'logo_generated' })
    expect(c).toMatchObject({ tenant: 'acme', jobId: 'job_9', msg: 'plain from grandchild' })
    // the root is untouched by its children's bindings
    log.emit.logoGenerated(LOGO)
    expect(out.text.split('\n')[3]).not.toContain('job_9')
  })

  it('gives bound helpers that survive destructuring', () => {
    const { log, out } = fixtureLogger()
    const { logoGenerated } = log.child({ tenant: 't1' }).emit
    logoGenerated(LOGO)
    expect(out.line).toMatchObject({ tenant: 't1', event: 'logo_generated' })
  })

  it('keeps pino plain logging and level changes working (EventEmitter emit)', () => {
    const { log, out } = fixtureLogger()
    const changes: string[] = []
    log.on('level-change', (lvl: string) => changes.push(lvl))
    log.level = 'warn'
    log.info('dropped')
    log.warn({ brandId: 'b_1' }, 'kept %s', 'yes')
    expect(changes).toEqual(['warn'])
    expect(out.line).toMatchObject({ level: 'warn', brandId: 'b_1', msg: 'kept yes' })
  })
})

describe('validation outside production', () => {
  it('throws EventValidationError for a mistyped property, naming event, path and expectation', () => {
    const { log, out } = fixtureLogger()
    let caught: unknown
    try {
      log.emit.logoGenerated({ ...LOGO, duration_ms: '840' as unknown as number })
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(EventValidationError)
    expect(caught).toBeInstanceOf(LinecastError)
    const err = caught as EventValidationError
    expect(err.code).toBe('LINECAST_INVALID_EVENT')
    expect(err.event).toBe('logo_generated')
    expect(err.path).toBe('duration_ms')
    expect(err.issues.length).toBeGreaterThan(0)
    expect(err.message).toContain('"logo_generated"')
    expect(err.message).toContain('"duration_ms"')
    expect(err.message).toContain('expected number, received string')
    expect(out.text).toBe('')
  })

  it('reports a missing required property', () => {
    const { log } = fixtureLogger()
    const { brandId: _omit, ...rest } = LOGO
    expect(() => log.emit.logoGenerated(rest as never)).toThrow(/missing required property "brandId"/)
  })

  it('reports an extra property as not declared in the catalog', () => {
    const { log } = fixtureLogger()
    try {
      log.emit('logo_generated', { ...LOGO, seed: 42 } as never)
      expect.unreachable()
    } catch (e) {
      expect((e as EventValidationError).path).toBe('seed')
      expect((e as Error).message).toMatch(/unknown property "seed".*not declared in the catalog/)
    }
  })

  it('reports a nested path', () => {
    const { log } = fixtureLogger()
    try {
      log.emit.webhookReceived({ provider: 'p', token: 't', attempts: 1, payload: { items: [{ sku: 's', note: 5 as unknown as string }] } })
      expect.unreachable()
    } catch (e) {
      expect((e as EventValidationError).path).toBe('payload.items.0.note')
    }
  })

  it('throws UnknownEventError for a name the catalog does not declare', () => {
    const { log } = fixtureLogger()
    const emit = log.emit as unknown as (name: string, props: unknown) => void
    try {
      emit('logo_generatd', LOGO)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownEventError)
      expect(e).toBeInstanceOf(EventValidationError)
      expect((e as UnknownEventError).code).toBe('LINECAST_UNKNOWN_EVENT')
      expect((e as Error).message).toContain('logo_generatd')
    }
  })

  it('validates even when the event level is disabled', () => {
    const { log } = fixtureLogger({ level: 'error' })
    expect(() => log.emit.logoGenerated({ ...LOGO, cost: -1 })).toThrow(EventValidationError)
  })
})

describe('validation in production', () => {
  it('never throws and writes a linecast.invalid_event line at error level with issues and the redacted payload', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    expect(() =>
      log.emit.userSignedUp({ userId: 'u1', email: 'ada@example.com', plan: 'gold' as 'pro', phone: '+33 6 12 34 56 78', extra: 'Bearer abc.def' } as never),
    ).not.toThrow()
    const line = out.line
    expect(line).toMatchObject({
      level: 'error',
      event: 'linecast.invalid_event',
      kind: 'error',
      invalidEvent: 'user_signed_up',
      msg: expect.stringContaining('Invalid event user_signed_up'),
    })
    const issues = line.issues as { path: string; code: string; message: string }[]
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['plan', 'invalid_value'],
      ['extra', 'unrecognized_keys'],
    ])
    const payload = line.payload as Record<string, unknown>
    expect(payload.userId).toBe('u1')
    expect(payload.plan).toBe('gold')
    expect(payload.email).toMatch(/^[0-9a-f]{64}$/)
    expect(payload.phone).toBe('[REDACTED]')
    expect(payload.extra).toBe('Bearer [REDACTED]')
    expect(out.text).not.toContain('ada@example.com')
    expect(out.text).not.toContain('12 34 56')
    expect(out.text).not.toContain('abc.def')
  })

  it('writes an invalid-event line for an unknown event name', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    ;(log.emit as unknown as (n: string, p: unknown) => void)('no_such_event', { a: 1 })
    expect(out.line).toMatchObject({
      event: 'linecast.invalid_event',
      invalidEvent: 'no_such_event',
      issues: [{ path: '', code: 'unknown_event' }],
      payload: { a: 1 },
    })
  })

  it('defaults onInvalid from env, and honours an explicit choice', () => {
    expect(() => fixtureLogger({ env: 'development' }).log.emit.legacyExport({ rows: 'x' as unknown as number })).toThrow()
    const { log, out } = fixtureLogger({ env: 'development', onInvalid: 'log', level: 'debug' })
    log.emit.legacyExport({ rows: 'x' as unknown as number })
    expect(out.line.event).toBe('linecast.invalid_event')
  })
})
