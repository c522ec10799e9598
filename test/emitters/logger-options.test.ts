import { describe, expect, it } from 'vitest'
import { createLogger, LoggerOptionsError } from '../../emitters/index.js'
import type { Catalog } from '../../schema/define.js'
import { CaptureStream } from './capture.js'
import { FIXTURE_PII_KEY, fixtureCatalog } from './fixture-catalog.js'
import { fixtureLogger, LOGO } from './helpers.js'

describe('createLogger options', () => {
  it('writes pretty text through pino-pretty when pretty is on (outside production)', () => {
    const { log, out } = fixtureLogger({ env: 'development', pretty: true })
    log.emit.logoGenerated(LOGO)
    log.info({ token: 'abc' }, 'plain')
    expect(out.text).toContain('INFO')
    expect(out.text).toContain('[logo_generated] Logo generated for b_1 with flux-2-pro')
    expect(out.text).toContain('plain')
    expect(out.text).not.toContain('eventId')
    expect(out.text).not.toContain('"abc"')
    expect(() => JSON.parse(out.text.split('\n')[0] as string)).toThrow()
  })

  it('always writes raw JSON in production, even when pretty is asked for', () => {
    const { log, out } = fixtureLogger({ env: 'production', pretty: true })
    log.emit.logoGenerated(LOGO)
    expect(out.line.event).toBe('logo_generated')
  })

  it('adds base fields after service and env', () => {
    const { log, out } = fixtureLogger({ base: { region: 'eu-west-1', version: '1.2.3' } })
    log.info('x')
    expect(Object.keys(out.line).slice(0, 6)).toEqual(['level', 'time', 'service', 'env', 'region', 'version'])
    expect(out.line).toMatchObject({ service: 'bmn-api', env: 'test', region: 'eu-west-1' })
  })

  it('takes env from NODE_ENV by default', () => {
    const out = new CaptureStream()
    const log = createLogger({ catalog: fixtureCatalog, destination: out, piiKey: FIXTURE_PII_KEY })
    log.info('x')
    expect(out.line.env).toBe(process.env.NODE_ENV ?? 'development')
  })

  it('rejects a catalog without a schema for a declared event', () => {
    const broken: Catalog<object> = { compiled: fixtureCatalog.compiled, schemas: {} }
    expect(() => createLogger({ catalog: broken, destination: new CaptureStream(), piiKey: 'k' })).toThrow(LoggerOptionsError)
    expect(() => createLogger({ catalog: broken, destination: new CaptureStream(), piiKey: 'k' })).toThrow(/linecast generate/)
  })

  it('rejects a missing catalog with a message saying where to get one', () => {
    expect(() => createLogger({} as never)).toThrow(/generated\/events/)
  })
})
