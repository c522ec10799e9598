import { describe, expect, it } from 'vitest'
import { CaptureStream } from '../test/emitters/capture.js'
import { fixtureCatalog } from '../test/emitters/fixture-catalog.js'
import { EventValidationError } from './errors.js'
import { createLogger } from './logger.js'
import { LOGGER_MODE_EVENT, resolveMode } from './mode.js'

describe('the environment rule', () => {
  it('throws on an invalid event only in development and test', () => {
    expect(resolveMode({}, 'development').onInvalid).toBe('throw')
    expect(resolveMode({}, 'test').onInvalid).toBe('throw')
    expect(resolveMode({}, 'production').onInvalid).toBe('log')
    expect(resolveMode({}, 'staging').onInvalid).toBe('log')
  })

  it('takes an unset NODE_ENV as production', () => {
    expect(resolveMode({}, undefined)).toEqual({ env: 'production', envFrom: 'unset', onInvalid: 'log', onInvalidFrom: 'env' })
    expect(resolveMode({}, '')).toMatchObject({ env: 'production', envFrom: 'unset' })
  })

  it('lets env and onInvalid options decide over NODE_ENV', () => {
    expect(resolveMode({ env: 'development' }, undefined)).toMatchObject({ env: 'development', envFrom: 'option', onInvalid: 'throw' })
    expect(resolveMode({ onInvalid: 'throw' }, undefined)).toMatchObject({ env: 'production', onInvalid: 'throw', onInvalidFrom: 'option' })
    expect(resolveMode({ onInvalid: 'log' }, 'development')).toMatchObject({ onInvalid: 'log' })
  })
})

describe('a logger without NODE_ENV', () => {
  const invalid = { brandId: 'b', jobId: 'j', model: 'flux-2-pro', duration_ms: 'slow', cost: 0 } as never

  function withNodeEnv<T>(value: string | undefined, fn: () => T): T {
    const saved = process.env.NODE_ENV
    if (value === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = value
    try {
      return fn()
    } finally {
      process.env.NODE_ENV = saved
    }
  }

  it('says once at start that it runs as production, and writes an invalid event as a line instead of throwing', () => {
    const out = new CaptureStream()
    const log = withNodeEnv(undefined, () => createLogger({ catalog: fixtureCatalog, destination: out, piiKey: 'k' }))
    expect(() => log.emit.logoGenerated(invalid)).not.toThrow()
    log.child({ jobId: 'j_2' }).info('a child says nothing about the mode')
    const events = out.lines.map((l) => l.event)
    expect(events.filter((e) => e === LOGGER_MODE_EVENT)).toHaveLength(1)
    expect(out.lines[0]).toMatchObject({
      level: 'info',
      env: 'production',
      event: LOGGER_MODE_EVENT,
      envFrom: 'unset',
      onInvalid: 'log',
      msg: 'linecast logger in production mode (NODE_ENV is unset): an invalid event is written as a linecast.invalid_event line and never throws',
    })
    expect(events).toContain('linecast.invalid_event')
  })

  it('throws in development, and says so', () => {
    const out = new CaptureStream()
    const log = withNodeEnv('development', () => createLogger({ catalog: fixtureCatalog, destination: out, piiKey: 'k', pretty: false }))
    expect(() => log.emit.logoGenerated(invalid)).toThrow(EventValidationError)
    expect(out.lines[0]?.msg).toBe('linecast logger in development mode (NODE_ENV=development): an invalid event throws EventValidationError')
  })

  it('throws when told to, whatever the environment', () => {
    const out = new CaptureStream()
    const log = withNodeEnv('production', () => createLogger({ catalog: fixtureCatalog, destination: out, piiKey: 'k', onInvalid: 'throw' }))
    expect(() => log.emit.logoGenerated(invalid)).toThrow(EventValidationError)
    expect(out.lines[0]?.msg).toBe(
      "linecast logger in production mode (NODE_ENV=production): an invalid event throws EventValidationError (onInvalid: 'throw')",
    )
  })

  it('says nothing when given env, or under NODE_ENV=test', () => {
    const told = new CaptureStream()
    withNodeEnv(undefined, () => createLogger({ catalog: fixtureCatalog, destination: told, piiKey: 'k', env: 'staging' })).info('first')
    const testRun = new CaptureStream()
    withNodeEnv('test', () => createLogger({ catalog: fixtureCatalog, destination: testRun, piiKey: 'k' })).info('first')
    expect([told.lines[0]?.msg, testRun.lines[0]?.msg]).toEqual(['first', 'first'])
  })
})
