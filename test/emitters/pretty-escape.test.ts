import { describe, expect, it } from 'vitest'
import { createPrettyStream } from '../../emitters/index.js'
import { escapeControl } from '../../emitters/terminal-text.js'
import { CaptureStream } from './capture.js'
import { fixtureLogger, LOGO } from './helpers.js'

/** One of each class: C0 (ESC sequences, OSC title, screen clear, BEL, CR, BS, NUL), DEL, C1 (CSI, OSC, NEL), bidi overrides and isolates. */
const HOSTILE = [
  '\u001b[31mred\u001b[0m',
  '\u001b]0;owned title\u0007',
  '\u001b[2J\u001b[H',
  '\u0007bell',
  'over\rwrite',
  'back\bspace',
  'nul\u0000byte',
  'line\nfeed',
  'del\u007f',
  '\u009b31m c1 csi',
  '\u009d0;c1 osc\u009c',
  '\u0085nel',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
].join(' ')

/** Control characters except tab and newline, and the bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

describe('pretty output in development', () => {
  it('prints every control character of messages, values, keys and errors as an escape', () => {
    const { log, out } = fixtureLogger({ env: 'development', pretty: true })
    log.emit.logoGenerated({ ...LOGO, brandId: HOSTILE, prompt: HOSTILE })
    log.info({ [`key${HOSTILE}`]: HOSTILE, nested: { deep: [HOSTILE] } }, HOSTILE)
    log.error({ err: new Error(HOSTILE) }, 'failed')
    log.warn('printf %s', HOSTILE)
    const text = out.text
    expect(text).toContain('\\x1b]0;owned title\\x07')
    expect(text).toContain('\\u202eevil')
    expect(text).toContain('\\x9b31m')
    expect(text.match(RAW_CONTROL)).toBeNull()
    // only the line structure itself (and a stack's own lines) uses newlines: no forged lines from a message
    expect(text).not.toMatch(/\nfeed/)
  })

  it('keeps pino-pretty colours while escaping the line', () => {
    const out = new CaptureStream()
    const pretty = createPrettyStream({ destination: out, colorize: true })
    pretty.write(JSON.stringify({ level: 30, time: 0, msg: HOSTILE }) + '\n')
    pretty.write('not json \u001b]0;title\u0007\n')
    const text = out.text
    expect(text).toContain('\u001b[')
    const withoutColours = text.replace(/\u001b\[[0-9;]*m/g, '')
    expect(withoutColours.match(RAW_CONTROL)).toBeNull()
    expect(withoutColours).toContain('\\x1b[31mred')
  })

  it('escapes C0 but tab, DEL, C1 and bidi controls', () => {
    expect(escapeControl('a\tb\u0001\u007f\u0080\u202e')).toBe('a\tb\\x01\\x7f\\x80\\u202e')
    expect(escapeControl('at a\n    at b', true)).toBe('at a\n    at b')
    const plain = 'nothing to escape'
    expect(escapeControl(plain)).toBe(plain)
  })
})
