import { describe, expect, it } from 'vitest'
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

  it('still throws the error in development, where a failing call site should be seen at once', () => {
    const { log } = fixtureLogger({ env: 'development' })
    expect(() => log.emit.logoGenerated(throwingPayload() as never)).toThrow('lazy brandId failed')
  })
})
