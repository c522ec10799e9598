/**
 * `linecast tail` on streams nobody here wrote: every class of terminal
 * control character in every place a line can carry it, and lines far past
 * the length cap. Nothing from the log may reach the terminal raw; `--json`
 * still passes lines through byte for byte.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createTailCommand } from '../../cli/commands/tail.js'
import { startCommand } from './run-cli.js'

/** One representative of each class, and the edges of each range. */
const CONTROLS: Record<string, string[]> = {
  'C0 (ESC, BEL, NUL, BS, CR, LF, VT, FF, US)': ['\u001b', '\u0007', '\u0000', '\u0008', '\r', '\n', '\u000b', '\u000c', '\u001f'],
  DEL: ['\u007f'],
  'C1 (PAD, CSI, OSC, ST, APC)': ['\u0080', '\u009b', '\u009d', '\u009c', '\u009f'],
  'bidi overrides, embeddings, isolates and marks': ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'],
}
const ALL = Object.values(CONTROLS).flat()
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
/** the SGR colour codes tail's own palette writes */
const OWN_COLOURS = /\u001b\[[0-9;]*m/g

/** A payload carrying every control: a screen clear, a title change, a CSI in C1, a bidi override. */
const PAYLOAD = `x${ALL.join('')}\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202eevil`

function records(): string[] {
  const p = PAYLOAD
  const base = { time: '2026-01-01T00:00:00.000Z' }
  return [
    { ...base, level: 'info', event: p, msg: p, [p]: p, nested: { deep: [p] }, requestId: p, jobId: p },
    { ...base, level: p, msg: 'level text' },
    { ...base, level: 50, event: 'linecast.delivery', msg: p, err: { type: p, message: p } },
    { ...base, level: 50, event: 'linecast.invalid_event', invalidEvent: p, issues: [{ path: [p], code: p, message: p }] },
    { ...base, level: 30, event: 'linecast.invalid_event', invalidEvent: p, msg: p },
  ].map((record) => JSON.stringify(record))
}

/** Non-JSON lines carrying the controls raw (all but LF, which ends a line). */
function rawLines(): string[] {
  const inline = ALL.filter((c) => c !== '\n' && c !== '\r').join('')
  return [`plain ${inline} \u001b[2J\u001b]0;pwned\u0007 text`, `{"looks":"like json" ${inline}}`, `\u009b2J\u202eevil`]
}

async function tail(argv: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = createTailCommand({ stdin: () => Readable.from([Buffer.from(input, 'utf8')]) })
  const run = startCommand(command, argv, { cwd: process.cwd(), env: {} })
  const code = await run.code
  return { code, stdout: run.stdout(), stderr: run.stderr() }
}

function rawControls(text: string): string[] {
  return [...text].filter((c) => c !== '\n' && UNSAFE.test(c)).map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

describe('linecast tail never lets a log line drive the terminal', () => {
  const input = `${[...records(), ...rawLines()].join('\n')}\n`

  it.each([
    ['without colour', ['--no-color']],
    ['with colour', ['--color']],
    ['with filters', ['--no-color', '--level', 'trace']],
  ])('escapes every control character class in every field and in raw text, %s', async (_name, argv) => {
    const { code, stdout, stderr } = await tail(argv, input)
    expect(code).toBe(0)
    const shown = stdout.replace(OWN_COLOURS, '')
    expect(rawControls(shown)).toEqual([])
    expect(rawControls(stderr)).toEqual([])
    // what was escaped is still there to read
    expect(shown).toContain('\\x1b[2J')
    expect(shown).toContain('\\u202eevil')
    expect(shown).toContain('\\x9b31m')
  })

  it('escapes each class on its own (a line per class, every field)', async () => {
    for (const [name, chars] of Object.entries(CONTROLS)) {
      const text = chars.join('')
      const line = JSON.stringify({ level: 'warn', time: 0, event: text, msg: text, [text]: text })
      const raw = chars.filter((c) => c !== '\n').join('')
      const { stdout, stderr } = await tail(['--no-color'], `${line}\n${raw}\n`)
      expect(rawControls(stdout), name).toEqual([])
      expect(rawControls(stderr), name).toEqual([])
    }
  })

  it('escapes the summary: event names counted from the log', async () => {
    const { stderr } = await tail(['--no-color'], `${records()[0]}\n${records()[3]}\n`)
    expect(stderr).toContain('by event: x\\x1b')
    expect(stderr).toContain('invalid events: 1 (x\\x1b')
    expect(rawControls(stderr)).toEqual([])
  })

  it('passes lines through byte for byte with --json, controls included', async () => {
    const { stdout } = await tail(['--json', '--no-summary'], input)
    expect(stdout).toBe(input.replace(/\r\n/g, '\n'))
  })
})

describe('linecast tail caps the length of a line', () => {
  // 200,034 bytes: the escape sits past the cap and is never shown
  const long = `{"level":30,"time":0,"msg":"${'a'.repeat(200_000)}\u001b[2J"}`
  const input = `${JSON.stringify({ level: 30, time: 0, msg: 'before' })}\n${long}\n${JSON.stringify({ level: 30, time: 0, msg: 'after' })}\n`

  it('prints the head of a line past the cap with a marker and counts it in the summary', async () => {
    const { code, stdout, stderr } = await tail(['--no-color', '--utc', '--max-line-bytes', '64k'], input)
    expect(code).toBe(0)
    const lines = stdout.split('\n').filter((l) => l !== '')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('00:00:00.000 INFO  before')
    const cut = lines[1] ?? ''
    expect(cut.length).toBe(65536 + '…[line cut: 200034 bytes, showing the first 65536]'.length)
    expect(cut.startsWith('{"level":30,"time":0,"msg":"aaaa')).toBe(true)
    expect(cut.endsWith('a…[line cut: 200034 bytes, showing the first 65536]')).toBe(true)
    expect(lines[2]).toBe('00:00:00.000 INFO  after')
    expect(stderr).toContain('3 shown of 3 lines read')
    expect(stderr).toContain('cut lines: 1')
  })

  it('keeps --json output one JSON document per line: a cut line goes to stderr as a note', async () => {
    const { stdout, stderr } = await tail(['--json', '--max-line-bytes', '64k'], input)
    const lines = stdout.split('\n').filter((l) => l !== '')
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['before', 'after'])
    expect(stderr).toContain('line 2 is 200034 bytes, over the line cap: left out of the --json output')
    expect(stderr).toContain('cut lines: 1')
  })

  it('cuts at a character boundary and never mid-escape', async () => {
    const wide = `${'é'.repeat(40_000)}\n`
    const { stdout } = await tail(['--no-color', '--max-line-bytes', '1001'], wide)
    expect(stdout).toMatch(/^é{500}…\[line cut: 80000 bytes, showing the first 1000\]\n$/)
  })

  it('rejects a cap that is not a size', async () => {
    await expect(tail(['--max-line-bytes', 'lots'], '')).rejects.toThrow(/--max-line-bytes lots is not a size/)
  })
})
