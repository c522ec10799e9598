/**
 * `linecast tail` end to end, in process: recorded streams through every
 * filter, --json, --dest, the summary; a live child process; a followed file
 * that is appended to and rotated.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createTailCommand } from '../../cli/commands/tail.js'
import { assertBuilt, binary, runBinary, startCommand } from './run-cli.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/tail/', import.meta.url))
const CATALOG = join(FIXTURES, 'events.catalog.yaml')
const STREAM = readFileSync(join(FIXTURES, 'stream.ndjson'), 'utf8')

interface Run {
  code: Promise<number>
  stdout: () => string[]
  stderr: () => string
  abort: () => void
}

function start(argv: string[], input = '', cwd = FIXTURES): Run {
  const controller = new AbortController()
  const command = createTailCommand({ stdin: () => Readable.from([input]), pollMs: 5 })
  const run = startCommand(command, argv, { cwd, env: { PATH: process.env.PATH }, signal: controller.signal })
  return {
    code: run.code,
    stdout: () => run.stdout().split('\n').filter((line) => line !== ''),
    stderr: run.stderr,
    abort: () => controller.abort(),
  }
}

async function tail(argv: string[], input = STREAM): Promise<{ code: number; lines: string[]; stderr: string }> {
  const run = start(['--utc', '--catalog', CATALOG, ...argv], input)
  const code = await run.code
  return { code, lines: run.stdout(), stderr: run.stderr() }
}

async function until(condition: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > deadlineMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('linecast tail on a recorded stream', () => {
  it('prints every line pretty: catalog properties, money, durations, invalid events, raw text untouched', async () => {
    const { code, lines } = await tail([])
    expect(code).toBe(0)
    expect(lines).toEqual([
      '10:00:00.000 INFO  server listening port=3000',
      '> bmn-api@1.0.0 start',
      '10:00:01.000 INFO  logo_generation_requested brandId=b1 style=minimal req=r1 job=j1',
      '10:00:02.500 INFO  logo_generated brandId=b1 model=flux-2-pro duration_ms=840ms cost=$0.0600 job=j1',
      expect.stringMatching(/^10:00:02\.600 INFO {2}ai_api_call .*model=flux-2-pro.*cost=\$0\.0600.* job=j1$/),
      expect.stringMatching(/^10:00:03\.000 INFO {2}ai_api_call .*duration_ms=1\.24s.* req=r2$/),
      '10:00:03.100 ERROR ✖ INVALID EVENT logo_generated  cost: expected number, received string (invalid_type) req=r2',
      '10:00:04.000 WARN  slow request GET /brands responseTime=1.24s req=r2',
      '10:00:05.000 ERROR payment_failed reason=card_declined amount=49 req=r3',
      '10:00:06.000 INFO  linecast.delivery_stats delivery stats destination=posthog delivered=3',
      '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '10:00:07.000 FATAL fatal: out of memory',
    ])
  })

  it('prints no colour codes unless --color asks', async () => {
    expect((await tail([])).lines.join('\n')).not.toContain('\u001b[')
    const coloured = await tail(['--color', '--event', 'linecast.invalid_event'])
    expect(coloured.lines[0]).toContain('\u001b[')
  })

  it('filters by event glob (repeatable), level (numeric levels too), kind', async () => {
    const events = await tail(['--event', 'logo_*', '--event', 'payment_*', '--json'])
    expect(events.lines.map((l) => JSON.parse(l).eventId.slice(0, 1))).toEqual(['1', '2', '5', '7'])
    const levels = await tail(['--level', 'warn', '--json'])
    expect(levels.lines.map((l) => JSON.parse(l).level)).toEqual(['error', 'warn', 'error', 60])
    const kinds = await tail(['--kind', 'cost', '--json'])
    expect(kinds.lines.map((l) => JSON.parse(l).model)).toEqual(['flux-2-pro', 'claude-sonnet-4-6'])
  })

  it("follows one request's whole story, the job it started included", async () => {
    const { lines } = await tail(['--request', 'r1', '--json'])
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(['logo_generation_requested', 'logo_generated', 'ai_api_call'])
  })

  it('filters with --where: numbers compare as numbers, ~ is a substring, clauses combine', async () => {
    const costly = await tail(['--where', 'cost>0.05', '--json'])
    expect(costly.lines.map((l) => JSON.parse(l).eventId.slice(0, 1))).toEqual(['2', '3'])
    const combined = await tail(['--kind', 'cost', '--where', 'model~claude', '--where', 'inputTokens>=1200', '--json'])
    expect(combined.lines.map((l) => JSON.parse(l).model)).toEqual(['claude-sonnet-4-6'])
    const all = await tail(['--level', 'info', '--kind', 'analytics', '--request', 'r1', '--where', 'cost<1', '--json'])
    expect(all.lines.map((l) => JSON.parse(l).event)).toEqual(['logo_generated'])
  })

  it('passes matching lines through untouched with --json', async () => {
    const { lines } = await tail(['--json'])
    expect(lines.join('\n') + '\n').toBe(STREAM)
  })

  it('shows what Sentry would receive for the lines routed to it', async () => {
    const { lines } = await tail(['--dest', 'sentry', '--json'])
    const payloads = lines.map((l) => JSON.parse(l))
    expect(payloads).toHaveLength(3)
    for (const payload of payloads) expect(payload.type).toBe('event')
    expect(payloads.map((p) => p.event.event_id)).toEqual([
      '55555555555545558555555555555555',
      '77777777777747778777777777777777',
      expect.any(String),
    ])
    expect(payloads[1].event.level).toBe('error')
    const pretty = await tail(['--dest', 'sentry'])
    expect(pretty.lines).toHaveLength(6)
    expect(pretty.lines[0]).toMatch(/INVALID EVENT logo_generated/)
    expect(pretty.lines[1]).toMatch(/^ {2}→ sentry \{"type":"event"/)
  })

  it('shows the PostHog capture of the analytics events, by destination kind', async () => {
    const { lines } = await tail(['--dest', 'posthog', '--json'])
    const payloads = lines.map((l) => JSON.parse(l))
    expect(payloads).toHaveLength(2)
    expect(payloads.map((p) => p.capture.event)).toEqual(['logo_generation_requested', 'logo_generated'])
    expect(payloads[1].capture).toMatchObject({ distinctId: 'u1', uuid: '22222222-2222-4222-8222-222222222222' })
  })

  it('prints a summary on stderr: lines, levels, events, invalid count', async () => {
    const { stderr } = await tail(['--json'])
    expect(stderr).toContain('linecast tail: 12 shown of 12 lines read (2 not JSON)')
    expect(stderr).toContain('by level: info 6, warn 1, error 2, fatal 1')
    expect(stderr).toMatch(/by event: ai_api_call 2, .*logo_generated 1/)
    expect(stderr).toContain('invalid events: 1 (logo_generated 1)')
  })

  it('says when an --event glob matches no event of the catalog, with the closest name', async () => {
    const typo = await tail(['--event', 'logo_genrated', '--json'])
    expect(typo.stderr).toContain("warning: --event 'logo_genrated' matches no event of the catalog; did you mean 'logo_generated'?")
    const none = await tail(['--event', 'zzz_*', '--json'])
    expect(none.stderr).toContain("warning: --event 'zzz_*' matches no event of the catalog; lines of other loggers may still match")
    const fine = await tail(['--event', 'logo_*', '--json'])
    expect(fine.stderr).not.toContain('matches no event')
  })

  it('rejects a level that is not one', async () => {
    await expect(tail(['--level', 'loud'])).rejects.toThrow(/trace, debug, info, warn, error, fatal/)
  })
})

describe('linecast tail on a child process', () => {
  it("reads the command's stdout and stderr and exits with its exit code", async () => {
    const script = [
      'console.log(JSON.stringify({ level: "info", time: "2026-01-01T00:00:00.000Z", event: "logo_generated", brandId: "b1", cost: 0.06 }))',
      'console.error(JSON.stringify({ level: 50, time: "2026-01-01T00:00:01.000Z", msg: "boom" }))',
      'console.log("plain text")',
      'process.exitCode = 3',
    ].join(';')
    const run = start(['--utc', '--', process.execPath, '-e', script])
    expect(await run.code).toBe(3)
    expect(run.stdout().sort()).toEqual(
      [
        '00:00:00.000 INFO  logo_generated brandId=b1 cost=$0.0600',
        '00:00:01.000 ERROR boom',
        'plain text',
      ].sort(),
    )
    expect(run.stderr()).toContain('3 shown of 3 lines read')
  })
})

describe('linecast tail -f', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('follows a file as it is appended and rotated, and prints the summary when stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linecast-tail-'))
    dirs.push(dir)
    const path = join(dir, 'app.ndjson')
    const line = (n: number): string => `${JSON.stringify({ level: 'info', time: '2026-01-01T00:00:00.000Z', event: 'tick', n })}\n`
    writeFileSync(path, line(1))
    const run = start(['--json', '-f', path], '', dir)
    await until(() => run.stdout().length === 1, 'the existing line')
    appendFileSync(path, line(2))
    await until(() => run.stdout().length === 2, 'the appended line')
    appendFileSync(path, line(3))
    renameSync(path, `${path}.1`)
    writeFileSync(path, line(4))
    await until(() => run.stdout().length === 4, 'the line of the new file')
    run.abort()
    expect(await run.code).toBe(0)
    expect(run.stdout().map((l) => JSON.parse(l).n)).toEqual([1, 2, 3, 4])
    expect(run.stderr()).toContain('4 shown of 4 lines read')
  })
})

describe('the linecast binary: tail', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('runs a command, prints its lines and exits with its exit code', async () => {
    assertBuilt()
    const script = 'console.log(JSON.stringify({ level: 40, time: 0, msg: "careful" })); process.exit(7)'
    const result = await runBinary(['tail', '--utc', '--', process.execPath, '-e', script], FIXTURES)
    expect(result.code).toBe(7)
    expect(result.stdout).toBe('00:00:00.000 WARN  careful\n')
    expect(result.stderr).toContain('linecast tail: 1 shown of 1 lines read')
  })

  it('prints the summary when stopped with SIGINT while following a file', async () => {
    assertBuilt()
    const dir = mkdtempSync(join(tmpdir(), 'linecast-tail-bin-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'app.ndjson'), `${JSON.stringify({ level: 'info', time: 0, event: 'tick' })}\n`)
    const child = spawn(process.execPath, [binary, 'tail', '--json', '-f', 'app.ndjson'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
    await until(() => stdout.includes('tick'), 'the first line')
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stderr).toContain('linecast tail: 1 shown of 1 lines read')
  })
})
