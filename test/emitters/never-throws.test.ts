import { describe, expect, it } from 'vitest'
import { EventValidationError } from '../../emitters/index.js'
import { fixtureLogger, LOGO } from './helpers.js'

/** A payload whose property read throws, as a proxy or a lazy getter can. */
function throwingPayload(): Record<string, unknown> {
  return {
    ...LOGO,
    get brandId(): string {
      throw new Error('lazy brandId failed: token=abc123')
    },
  }
}

describe('emit in production never throws', () => {
  it('writes a linecast.invalid_event line when reading the payload throws', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    expect(() => log.emit.logoGenerated(throwingPayload() as never)).not.toThrow()
    expect(() => log.emit('logo_generated', throwingPayload() as never)).not.toThrow()
    const lines = out.lines
    expect(lines).toHaveLength(2)
    for (const line of lines) {
      expect(line).toMatchObject({
        level: 'error',
        event: 'linecast.invalid_event',
        invalidEvent: 'logo_generated',
        issues: [{ path: '', code: 'emit_failed', message: 'lazy brandId failed: token=[REDACTED]' }],
        payload: '[Unserializable]',
      })
    }
    expect(out.text).not.toContain('abc123')
  })

  it('throws an EventValidationError in development, with the caller\'s error as its cause', () => {
    const { log, out } = fixtureLogger({ env: 'development' })
    const caught = catchError(() => log.emit.logoGenerated(throwingPayload() as never))
    expect(caught).toBeInstanceOf(EventValidationError)
    const e = caught as EventValidationError
    expect(e).toMatchObject({ code: 'LINECAST_INVALID_EVENT', event: 'logo_generated', path: '' })
    expect(e.message).toContain('reading the payload threw')
    expect(e.message).not.toContain('abc123')
    expect((e.cause as Error).message).toBe('lazy brandId failed: token=abc123')
    expect(out.text).toBe('')
  })

  it('wraps a proxy trap that throws the same way in development', () => {
    const { log } = fixtureLogger({ env: 'development' })
    const trap = new Proxy({ ...LOGO }, {
      get() {
        throw new TypeError('trap says no')
      },
    })
    const e = catchError(() => log.emit('logo_generated', trap as never))
    expect(e).toBeInstanceOf(EventValidationError)
    expect((e as Error).cause).toBeInstanceOf(TypeError)
  })
})

describe('plain log calls never throw', () => {
  for (const env of ['production', 'development']) {
    it(`writes the line with an unreadable getter replaced and marked (${env})`, () => {
      const { log, out } = fixtureLogger({ env })
      const obj = { route: '/x', get broken(): string {
        throw new Error('getter broke, password=hunter2')
      }, nested: { get deep(): string {
        throw new Error('deep broke')
      }, ok: 1 } }
      expect(() => log.info(obj, 'request done')).not.toThrow()
      expect(out.line).toMatchObject({
        level: 'info',
        route: '/x',
        broken: '[Unreadable: getter broke, password=[REDACTED]]',
        nested: { deep: '[Unreadable: deep broke]', ok: 1 },
        msg: 'request done',
      })
      expect(out.text).not.toContain('hunter2')
    })
  }

  it('writes a marked line for a proxy whose traps throw, as the object or as the error', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    const hostile = new Proxy({}, {
      ownKeys() {
        throw new Error('ownKeys trap')
      },
      getPrototypeOf() {
        throw new Error('getPrototypeOf trap')
      },
    })
    expect(() => log.info(hostile, 'one')).not.toThrow()
    expect(() => log.warn({ inner: hostile }, 'two')).not.toThrow()
    expect(() => log.error({ err: hostile }, 'three')).not.toThrow()
    const lines = out.lines
    expect(lines.map((l) => l.msg)).toEqual(['one', 'two', 'three'])
    expect(String(lines[0]?.payload)).toMatch(/^\[Unreadable: getPrototypeOf trap\]$/)
    expect(String(lines[1]?.inner)).toMatch(/^\[Unreadable: /)
    expect(JSON.stringify(lines[2])).toContain('[Unreadable: ')
  })

  it('writes a marked line when a value fails to serialize (a throwing toJSON)', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    const bad = { toJSON(): never {
      throw new Error('toJSON failed')
    } }
    expect(() => log.info({ bad }, 'serialize me')).not.toThrow()
    expect(out.line).toMatchObject({ level: 'info', msg: 'serialize me' })
    expect(typeof out.line.bad).toBe('string')
  })
})

function catchError(fn: () => void): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
