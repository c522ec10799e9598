import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInProcess } from './run-cli.js'

const fixture = new URL('./fixtures/small.catalog.yaml', import.meta.url)

describe('linecast check --format github', () => {
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linecast-check-github-'))
    copyFileSync(fixture, join(dir, 'events.catalog.yaml'))
  })
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it('annotates each catalog diagnostic at its file, line and column, relative to the working directory', async () => {
    writeFileSync(
      join(dir, 'bad.catalog.yaml'),
      'catalog: 1\nservice: shop\nevents:\n  checkout_start:\n    kind: analytics\n    description: x\n    properties:\n      size: { type: huge }\n',
    )
    const result = await runInProcess(dir, ['check', '--catalog', 'bad.catalog.yaml', '--format', 'github'])
    expect(result.code).toBe(1)
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::'))
    expect(annotations).toEqual([
      expect.stringMatching(/^::error file=bad\.catalog\.yaml,line=8,col=\d+,title=linecast LC_UNKNOWN_PROPERTY_TYPE::unknown property type `huge`/),
      expect.stringMatching(/^::warning file=bad\.catalog\.yaml,line=4,col=3,title=linecast LC_EVENT_NAME_TENSE::event `checkout_start`/),
    ])
    expect(result.stderr).toContain('bad.catalog.yaml is invalid (1 error)')
  })

  it('annotates each stale or missing generated file', async () => {
    expect((await runInProcess(dir, ['generate'])).code).toBe(0)
    const events = join(dir, 'generated', 'events.ts')
    writeFileSync(events, `${readFileSync(events, 'utf8')}// edited by hand\n`)
    rmSync(join(dir, 'generated', 'EVENTS.md'))
    const result = await runInProcess(dir, ['check', '--format', 'github'])
    expect(result.code).toBe(1)
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::'))
    expect(annotations).toEqual([
      '::error file=generated/events.ts,title=linecast stale file::generated/events.ts is stale: run `linecast generate` and commit the result',
      '::error file=generated/EVENTS.md,title=linecast missing file::generated/EVENTS.md is missing: run `linecast generate` and commit the result',
    ])
  })

  it('prints no annotation when all is well', async () => {
    expect((await runInProcess(dir, ['generate'])).code).toBe(0)
    const result = await runInProcess(dir, ['check', '--format', 'github'])
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('::')
    expect(result.stdout).toMatch(/^ok: /)
  })
})
