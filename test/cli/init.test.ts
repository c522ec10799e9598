/** `linecast init` in a temporary project, in process. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { initCommand } from '../../cli/commands/init.js'
import { loadCatalog } from '../../schema/load.js'
import { assertBuilt, runBinary, runCommand } from './run-cli.js'

async function init(cwd: string, argv: string[] = []): Promise<{ code: number; stdout: string }> {
  const { code, stdout } = await runCommand(initCommand, argv, cwd)
  return { code, stdout }
}

const PACKAGE_JSON = `{
    "name": "@acme/brand-api",
    "version": "1.2.3",
    "files": ["dist", "src"],
    "scripts": {
        "build": "tsc"
    },
    "dependencies": {
        "pino": "^10.0.0"
    }
}
`

describe('linecast init', () => {
  const dirs: string[] = []
  const project = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'linecast-init-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('creates a catalog that loads cleanly, adds the scripts, writes the CI check', async () => {
    const dir = project()
    writeFileSync(join(dir, 'package.json'), PACKAGE_JSON)
    const { code, stdout } = await init(dir)
    expect(code).toBe(0)
    expect(stdout).toContain('created  events.catalog.yaml')
    expect(stdout).toContain('updated  package.json: added scripts linecast:generate, linecast:check')
    expect(stdout).toContain('created  .github/workflows/linecast.yml')
    expect(stdout).toContain('next steps:')

    const { compiled, diagnostics } = loadCatalog(join(dir, 'events.catalog.yaml'))
    expect(diagnostics).toEqual([])
    expect(compiled.service).toBe('brand-api')
    expect(compiled.events.user_signed_up?.kind).toBe('analytics')
    expect(compiled.events.checkout_failed?.kind).toBe('error')
    expect(Object.values(compiled.destinations).map((d) => d.kind).sort()).toEqual(['posthog', 'sentry'])
    expect(compiled.destinations.sentry?.settings.dsn).toBe('${SENTRY_DSN}')

    const pkg = readFileSync(join(dir, 'package.json'), 'utf8')
    expect(pkg).toBe(
      PACKAGE_JSON.replace(
        '"build": "tsc"\n',
        '"build": "tsc",\n        "linecast:generate": "linecast generate",\n        "linecast:check": "linecast check"\n',
      ),
    )
    const workflow = readFileSync(join(dir, '.github/workflows/linecast.yml'), 'utf8')
    expect(workflow).toContain('- run: npm ci')
    expect(workflow).toContain('- run: npx linecast check')
  })

  it('overwrites nothing on a second run and says what it skipped', async () => {
    const dir = project()
    writeFileSync(join(dir, 'package.json'), PACKAGE_JSON)
    await init(dir)
    const before = ['events.catalog.yaml', 'package.json', '.github/workflows/linecast.yml'].map((f) =>
      readFileSync(join(dir, f), 'utf8'),
    )
    writeFileSync(join(dir, 'events.catalog.yaml'), '# mine\n')
    const { code, stdout } = await init(dir)
    expect(code).toBe(0)
    expect(stdout).toContain('skipped  events.catalog.yaml: exists, left as it is')
    expect(stdout).toContain('skipped  package.json: scripts linecast:generate, linecast:check already there')
    expect(stdout).toContain('skipped  .github/workflows/linecast.yml: exists, left as it is')
    expect(readFileSync(join(dir, 'events.catalog.yaml'), 'utf8')).toBe('# mine\n')
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(before[1])
    expect(readFileSync(join(dir, '.github/workflows/linecast.yml'), 'utf8')).toBe(before[2])
  })

  it('runs as `linecast init`, and `linecast generate` compiles the starter catalog', async () => {
    assertBuilt()
    const dir = project()
    writeFileSync(join(dir, 'package.json'), PACKAGE_JSON)
    const init = await runBinary(['init'], dir)
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('created  events.catalog.yaml')
    const generate = await runBinary(['generate'], dir)
    expect(generate.stderr).toBe('')
    expect(generate.code).toBe(0)
    expect(readFileSync(join(dir, 'generated/events.ts'), 'utf8')).toContain('userSignedUp')
  })

  it('works without a package.json, naming the service after the folder', async () => {
    const dir = join(project(), 'Billing Worker')
    mkdirSync(dir)
    const { stdout } = await init(dir)
    expect(stdout).toContain('skipped  package.json: not found')
    expect(existsSync(join(dir, 'package.json'))).toBe(false)
    expect(readFileSync(join(dir, 'events.catalog.yaml'), 'utf8')).toContain('service: billing-worker\n')
  })

  it('adds .linecast/ to a new .gitignore, appends it to one without it, and never clobbers', async () => {
    const fresh = project()
    expect((await init(fresh)).stdout).toContain('created  .gitignore: ignores .linecast/')
    expect(readFileSync(join(fresh, '.gitignore'), 'utf8')).toBe('# linecast: spool, dead letters and the embedded database (linecast init)\n.linecast/\n')

    const existing = project()
    writeFileSync(join(existing, '.gitignore'), 'node_modules\ndist')
    expect((await init(existing)).stdout).toContain('updated  .gitignore: added .linecast/')
    expect(readFileSync(join(existing, '.gitignore'), 'utf8')).toBe(
      'node_modules\ndist\n# linecast: spool, dead letters and the embedded database (linecast init)\n.linecast/\n',
    )
    const once = readFileSync(join(existing, '.gitignore'), 'utf8')
    expect((await init(existing)).stdout).toContain('skipped  .gitignore: already ignores .linecast/')
    expect(readFileSync(join(existing, '.gitignore'), 'utf8')).toBe(once)

    const ownRule = project()
    writeFileSync(join(ownRule, '.gitignore'), 'node_modules/\n/.linecast\n')
    expect((await init(ownRule)).stdout).toContain('skipped  .gitignore: already ignores .linecast/')
    expect(readFileSync(join(ownRule, '.gitignore'), 'utf8')).toBe('node_modules/\n/.linecast\n')
  })

  it('writes a CI workflow with the whole history, so check --base can read the base branch', async () => {
    const dir = project()
    await init(dir)
    const workflow = parse(readFileSync(join(dir, '.github/workflows/linecast.yml'), 'utf8')) as {
      jobs: { check: { steps: Array<{ uses?: string; with?: Record<string, unknown>; run?: string; if?: string }> } }
    }
    const steps = workflow.jobs.check.steps
    expect(steps.find((s) => s.uses === 'actions/checkout@v4')?.with).toEqual({ 'fetch-depth': 0 })
    expect(steps.filter((s) => s.run?.startsWith('npx linecast check'))).toEqual([
      { run: 'npx linecast check', if: "github.event_name != 'pull_request'" },
      { run: 'npx linecast check --base origin/${{ github.base_ref }} --format github', if: "github.event_name == 'pull_request'" },
    ])
  })
})
