/** `linecast coverage` on a small fixture project, in process. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coverageCommand } from '../../cli/commands/coverage.js'
import { assertBuilt, runBinary, runCommand, type InProcessResult } from './run-cli.js'

const FIXTURE = fileURLToPath(new URL('../fixtures/coverage-project/', import.meta.url))

function coverage(cwd: string, argv: string[]): Promise<InProcessResult> {
  return runCommand(coverageCommand, argv, cwd)
}

describe('linecast coverage', () => {
  let project: string
  beforeAll(() => {
    // a copy, with the folders the scan must skip (git ignores node_modules/ and dist/, so they are made here)
    project = mkdtempSync(join(tmpdir(), 'linecast-coverage-'))
    cpSync(FIXTURE, project, { recursive: true })
    for (const skipped of ['node_modules/pkg', 'dist', 'src/generated', '.cache']) {
      mkdirSync(join(project, skipped), { recursive: true })
      writeFileSync(join(project, skipped, 'index.js'), "log.emit.notInSource({}); emit('skipped_call', {})\n")
    }
    writeFileSync(join(project, 'src/types.d.ts'), "declare const x: typeof log.emit.declaredOnly\nemit('declared_only')\n")
  })
  afterAll(() => rmSync(project, { recursive: true, force: true }))

  it('lists unused events and unknown calls of both forms with file:line:col, and exits 1', async () => {
    const { code, stdout, stderr } = await coverage(project, ['--src', 'src'])
    expect(code).toBe(1)
    expect(stdout).toContain('coverage: 3/4 events of events.catalog.yaml are emitted in src (3 files, 5 emit calls)')
    expect(stdout).toMatch(/unused events \(1\)[^\n]*\n {2}logo_downloaded\n/)
    expect(stdout).toContain("  jobs/worker.js:3:12  emit('brand_exportd', …)")
    expect(stdout).toContain('  server.ts:8:16  emit.logoGenratd(…); did you mean emit.logoGenerated?')
    expect(stdout).not.toMatch(/notInSource|skipped_call|declaredOnly|declared_only|'error'/)
    expect(stderr).toContain('warning: 1 catalog event is never emitted')
    expect(stderr).toContain('error: 2 emit calls name events the catalog does not declare')
  })

  it('reports built-in events as neither unused nor counted, and writes JSON for machines', async () => {
    const { code, stdout } = await coverage(project, ['--src', 'src', '--format', 'json'])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.total).toBe(4)
    expect(report.emittedCount).toBe(3)
    expect(report.unused).toEqual(['logo_downloaded'])
    expect(report.emitted).toEqual({ user_signed_up: 1, payment_failed: 1, logo_generated: 1 })
    expect(report.unknown).toEqual([
      { form: 'keyed', name: 'brand_exportd', line: 3, column: 12, file: 'jobs/worker.js' },
      { form: 'helper', name: 'logoGenratd', line: 8, column: 16, file: 'server.ts', didYouMean: 'logoGenerated' },
    ])
  })

  it('exits 0 when every call names a known event, unused events being only a warning', async () => {
    mkdirSync(join(project, 'clean'))
    writeFileSync(join(project, 'clean/signup.ts'), "export const ok = (log) => log.emit('user_signed_up', { plan: 'pro' })\n")
    const { code, stdout, stderr } = await coverage(project, ['--src', 'clean', '--catalog', 'events.catalog.yaml'])
    expect(code).toBe(0)
    expect(stdout).toContain('coverage: 1/4 events')
    expect(stdout).not.toContain('unknown emit calls')
    expect(stderr).toBe('warning: 3 catalog events are never emitted\n')
  })

  it('runs as `linecast coverage` with exit code 1 on unknown calls and 2 on a bad option', async () => {
    assertBuilt()
    const failing = await runBinary(['coverage', '--src', 'src'], project)
    expect(failing.code).toBe(1)
    expect(failing.stdout).toContain('server.ts:8:16')
    const usage = await runBinary(['coverage', '--format', 'xml'], project)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('use text or json')
  })

  it('refuses a --src that is not a directory', async () => {
    await expect(coverage(project, ['--src', 'missing'])).rejects.toThrow(/not a directory/)
  })
})
