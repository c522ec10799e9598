/**
 * linecast as a user installs it: the packed tarball in a fresh project that
 * has only typescript besides. Its declarations type-check with skipLibCheck
 * off in a file using every subpath, that file runs and writes its line, no
 * vendor SDK comes with the install, and `import 'linecast'` loads none (in
 * this repository too, where every SDK is installed).
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installProject, OPTIONAL_PEERS, packLinecast, peersLoaded, probeImport, repoRoot } from '../../bench/packed-project.js'
import { assertDistBuilt } from './run-app.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/consumer/', import.meta.url))
const TYPESCRIPT = (JSON.parse(readFileSync(join(repoRoot(), 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version

let work: string
let app: string

beforeAll(() => {
  assertDistBuilt()
  work = mkdtempSync(join(tmpdir(), 'linecast-package-'))
  app = join(work, 'app')
  installProject(app, packLinecast(work), [`typescript@${TYPESCRIPT}`])
  for (const file of ['consumer.ts', 'tsconfig.json']) copyFileSync(join(FIXTURE, file), join(app, file))
}, 240_000)

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true })
})

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(command, args, { cwd: app, encoding: 'utf8' })
}

describe('the packed package in a project with only typescript', () => {
  it('installs no vendor SDK or driver', () => {
    const installed = OPTIONAL_PEERS.filter((pkg) => existsSync(join(app, 'node_modules', pkg)))
    expect(installed).toEqual([])
  })

  it('type-checks a file using every subpath with skipLibCheck off', () => {
    const tsc = run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'])
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
  }, 120_000)

  it('runs the compiled file: the event line is written, a missing SDK names its npm install', () => {
    const node = run(process.execPath, ['dist/consumer.js'])
    expect(node.stderr).toBe('')
    expect(node.status).toBe(0)
    const lines = node.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.find((l) => l.event === 'order_placed')).toMatchObject({ service: 'consumer', requestId: 'r_1', attempt: 1, total: 0.08 })
    expect(lines.find((l) => 'missing' in l)).toEqual({
      missing: ['posthog-node'],
      message: 'createFlags (linecast/flags) needs posthog-node, which is not installed: run `npm install posthog-node`',
    })
    expect(lines.at(-1)).toEqual({ subpaths: 18, flags: false })
  })

  it("import 'linecast' loads no SDK, in the fresh project and in this repository (where all are installed)", () => {
    for (const cwd of [app, repoRoot()]) {
      const probe = probeImport(cwd, 'linecast', true)
      expect(probe.modules.length).toBeGreaterThan(0)
      expect(peersLoaded(probe.modules)).toEqual([])
      expect(probe.modules.filter((m) => m.includes('/dist/transports/sinks/'))).toEqual([])
    }
    // the probe does see an SDK when one is loaded
    expect(peersLoaded(probeImport(repoRoot(), 'posthog-node', true).modules)).toEqual(['posthog-node'])
  })
})
