import { describe, expectTypeOf, it } from 'vitest'
import { createLogger, type Emit, type EmitOptions, type LinecastLogger } from '../../emitters/index.js'
import { fixtureCatalog, type FixtureEvents } from '../emitters/fixture-catalog.js'

const log = createLogger({ catalog: fixtureCatalog })
const logo = { brandId: 'b', jobId: 'j', model: 'flux-2-pro', duration_ms: 1, cost: 0 } as const

describe('createLogger types', () => {
  it('infers the event map from the catalog', () => {
    expectTypeOf(log).toEqualTypeOf<LinecastLogger<FixtureEvents>>()
    expectTypeOf(log.emit).toEqualTypeOf<Emit<FixtureEvents>>()
    expectTypeOf(log.emit.logoGenerated).parameter(0).toEqualTypeOf<FixtureEvents['logo_generated']>()
    expectTypeOf(log.emit.legacyExport).returns.toBeVoid()
    // any linecast logger, whatever its catalog
    expectTypeOf(log).toExtend<LinecastLogger<object>>()
  })

  it('accepts correct calls in both forms', () => {
    log.emit.logoGenerated(logo)
    log.emit.logoGenerated({ ...logo, prompt: 'optional' })
    log.emit('logo_generated', logo)
    log.emit('user_signed_up', { userId: 'u', email: 'e', plan: 'free' })
  })

  it('rejects a missing, an extra and a mistyped property on the helper', () => {
    // @ts-expect-error brandId is missing
    log.emit.logoGenerated({ jobId: 'j', model: 'flux-2-pro', duration_ms: 1, cost: 0 })
    // @ts-expect-error seed is not declared
    log.emit.logoGenerated({ ...logo, seed: 1 })
    // @ts-expect-error duration_ms is a number
    log.emit.logoGenerated({ ...logo, duration_ms: '1' })
    // @ts-expect-error model is an enum
    log.emit.logoGenerated({ ...logo, model: 'dall-e' })
  })

  it('rejects a missing, an extra and a mistyped property, and an unknown event, on the keyed form', () => {
    // @ts-expect-error brandId is missing
    log.emit('logo_generated', { jobId: 'j', model: 'flux-2-pro', duration_ms: 1, cost: 0 })
    // @ts-expect-error seed is not declared
    log.emit('logo_generated', { brandId: 'b', jobId: 'j', model: 'flux-2-pro', duration_ms: 1, cost: 0, seed: 1 })
    // @ts-expect-error cost is a number
    log.emit('logo_generated', { ...logo, cost: 'free' })
    // @ts-expect-error no such event
    log.emit('logo_generatd', logo)
    // @ts-expect-error no such helper
    log.emit.logoGeneratd(logo)
  })

  it('keeps the typed emit on children and grandchildren', () => {
    const child = log.child({ jobId: 'j' })
    expectTypeOf(child).toEqualTypeOf<LinecastLogger<FixtureEvents>>()
    const grandchild = child.child({ tenant: 't' })
    grandchild.emit.userSignedUp({ userId: 'u', email: 'e', plan: 'pro' })
    // @ts-expect-error plan is 'free' | 'pro'
    child.emit.userSignedUp({ userId: 'u', email: 'e', plan: 'gold' })
    // @ts-expect-error extra property on a child
    grandchild.emit('legacy_export', { rows: 1, more: true })
    // @ts-expect-error missing property on a child
    child.emit.legacyExport({})
    // @ts-expect-error unknown event on a child
    grandchild.emit('nope', {})
  })

  it('accepts per-call options (level, err) on both forms and rejects a wrong level or option', () => {
    log.emit.logoGenerated(logo, { level: 'warn' })
    log.emit.logoGenerated(logo, { err: new Error('x') })
    log.emit('logo_generated', logo, { level: 'error', err: 'thrown string' })
    log.child({}).emit('legacy_export', { rows: 1 }, {})
    expectTypeOf(log.emit.logoGenerated).parameter(1).toEqualTypeOf<EmitOptions | undefined>()
    // @ts-expect-error not a pino level
    log.emit.logoGenerated(logo, { level: 'loud' })
    // @ts-expect-error not a pino level
    log.emit('logo_generated', logo, { level: 'verbose' })
    // @ts-expect-error silent is a logger threshold, not a line level
    log.emit('logo_generated', logo, { level: 'silent' })
    // @ts-expect-error no such option
    log.emit.logoGenerated(logo, { levle: 'warn' })
  })

  it('keeps the pino API', () => {
    log.info({ a: 1 }, 'msg')
    log.error(new Error('x'))
    expectTypeOf(log.level).toBeString()
    expectTypeOf(log.flush).toBeFunction()
    expectTypeOf(log.child({}).warn).toBeFunction()
  })
})
