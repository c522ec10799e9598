import { describe, expect, it } from 'vitest'
import pino from 'pino'
import { LoggerOptionsError } from '../../emitters/index.js'
import { capLine } from '../../emitters/line-cap.js'
import { CaptureStream } from './capture.js'
import { fixtureLogger, LOGO } from './helpers.js'

const TEN_MB = 'p'.repeat(10 * 1024 * 1024)

describe('line size', () => {
  it('cuts a 10 MB property so the line fits, marks the cut and counts it on the line', () => {
    const { log, out } = fixtureLogger({ env: 'production' })
    log.emit.logoGenerated({ ...LOGO, prompt: TEN_MB })
    const raw = out.text
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(256 * 1024)
    const line = out.line
    expect(line).toMatchObject({ event: 'logo_generated', brandId: 'b_1', cost: 0.06 })
    expect(String(line.prompt)).toMatch(/…\[truncated \d+ chars\]$/)
    expect(String(line.prompt).length).toBeGreaterThan(200 * 1024)
    expect(line.lineTruncated).toMatchObject({ fields: 1 })
    expect((line.lineTruncated as { chars: number }).chars).toBeGreaterThan(10 * 1024 * 1024 - 256 * 1024)
  })

  it('caps what the message template copies from a property', () => {
    const { log, out } = fixtureLogger({ env: 'production', maxMessageValueLength: 40 })
    log.emit.logoGenerated({ ...LOGO, brandId: 'b'.repeat(5000) })
    expect(out.line.msg).toBe(`Logo generated for ${'b'.repeat(40)}…[+4960 chars] with flux-2-pro`)
  })

  it('caps printf string arguments of plain calls', () => {
    const { log, out } = fixtureLogger({ env: 'production', maxMessageValueLength: 10 })
    log.info('upstream said %s', 'x'.repeat(100))
    expect(out.line.msg).toBe(`upstream said ${'x'.repeat(10)}…[+90 chars]`)
  })

  it('cuts the largest strings first, at any depth, including plain calls and err', () => {
    const { log, out } = fixtureLogger({ env: 'production', maxLineBytes: 8192 })
    const err = new Error('e'.repeat(6000))
    log.error({ err, small: 's'.repeat(100), nested: { big: 'n'.repeat(5000) } }, 'boom')
    const line = out.line
    expect(Buffer.byteLength(out.text)).toBeLessThanOrEqual(8192)
    expect(line.small).toBe('s'.repeat(100))
    expect(line.msg).toBe('boom')
    expect((line.lineTruncated as { fields: number }).fields).toBeGreaterThanOrEqual(2)
  })

  it('keeps only the identifying fields when cutting strings cannot make the line fit', () => {
    const huge = JSON.stringify({ level: 'info', eventId: 'id-1', event: 'e', msg: 'm', n: Array.from({ length: 5000 }, (_, i) => i) }) + '\n'
    const capped = capLine(huge, 4096)
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(4096)
    expect(JSON.parse(capped)).toEqual({ level: 'info', eventId: 'id-1', event: 'e', msg: 'm', lineTruncated: { fields: 0, chars: 0, dropped: true } })
  })

  it('counts UTF-8 bytes, not characters', () => {
    const line = JSON.stringify({ level: 'info', msg: 'm', text: '€'.repeat(3000) }) + '\n'
    const capped = capLine(line, 4096)
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(4096)
    expect(JSON.parse(capped)).toMatchObject({ level: 'info', msg: 'm', lineTruncated: { fields: 1 } })
  })

  it('passes pino.multistream metadata through', () => {
    const a = new CaptureStream()
    const streams = pino.multistream([{ stream: a, level: 'warn' }])
    const { log } = fixtureLogger({ env: 'production', destination: streams })
    log.info('below')
    log.warn('above')
    expect(a.lines.map((l) => l.msg)).toEqual(['above'])
  })

  it('refuses limits it cannot use', () => {
    expect(() => fixtureLogger({ maxLineBytes: 100 })).toThrow(LoggerOptionsError)
    expect(() => fixtureLogger({ maxMessageValueLength: 0 })).toThrow(LoggerOptionsError)
  })
})
