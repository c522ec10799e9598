/**
 * linecast as a user gets it: `npm pack` of this repository, installed from
 * the tarball into a fresh project, and what `import` of it loads. Shared by
 * the package benchmark and the packed-consumer test.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (this file is bench/ or dist/bench/). */
export function repoRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url))
  return resolve(here, here.includes(`${join('dist', 'bench')}`) ? '../..' : '..')
}

/** Every vendor SDK and driver linecast loads only when a destination or integration uses it. */
export const OPTIONAL_PEERS = [
  '@sentry/node',
  'posthog-node',
  'pg',
  '@electric-sql/pglite',
  '@supabase/supabase-js',
  'bullmq',
  'ioredis',
  'nodemailer',
  'pino-http',
  '@bull-board/api',
  '@bull-board/express',
] as const

/** Packs the built repository into `dir`; returns the tarball's path. */
export function packLinecast(dir: string, root = repoRoot()): string {
  mkdirSync(dir, { recursive: true })
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const [packed] = JSON.parse(out) as Array<{ filename: string }>
  if (packed === undefined) throw new Error('npm pack printed no tarball')
  return join(dir, packed.filename)
}

/** A fresh ESM project in `dir` with the tarball (and `extra` packages) installed from it and the registry. */
export function installProject(dir: string, tarball: string, extra: readonly string[] = []): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'linecast-consumer', private: true, type: 'module' }, null, 2))
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...extra], { cwd: dir, encoding: 'utf8' })
  if (npm.status !== 0) throw new Error(`npm install in ${dir} failed (${npm.status}):\n${npm.stderr}`)
}

/** Bytes under `path`, files counted once (no symlinks followed). */
export function diskBytes(path: string): number {
  const stat = lstatSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((sum, name) => sum + diskBytes(join(path, name)), 0)
}

const HOOKS = `import { appendFileSync } from 'node:fs'
let file
export function initialize(data) { file = data.file }
export async function load(url, context, next) { appendFileSync(file, url + '\\n'); return next(url, context) }
`

export interface ImportProbe {
  /** wall time of the import, in the child, ms */
  ms: number
  /** CPU time (user + system) the child spent on the import, ms: what other load on the machine does not inflate */
  cpuMs: number
  /** every module the import loaded: ESM URLs (through a load hook) and CommonJS files */
  modules: string[]
}

/**
 * Imports `specifier` in a fresh `node` in `cwd`. With `trace`, a module hook
 * records every module loaded (which slows the import: time it without).
 */
export function probeImport(cwd: string, specifier: string, trace: boolean): ImportProbe {
  const log = join(cwd, `.probe-${process.pid}-${Date.now()}.txt`)
  const script = [
    `import { createRequire } from 'node:module'`,
    `import { readFileSync, existsSync } from 'node:fs'`,
    trace ? `import { register } from 'node:module'\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, import.meta.url, { data: { file: ${JSON.stringify(log)} } })` : '',
    `const t0 = performance.now()`,
    `const c0 = process.cpuUsage()`,
    `await import(${JSON.stringify(specifier)})`,
    `const ms = performance.now() - t0`,
    `const c1 = process.cpuUsage(c0)`,
    `const cpuMs = (c1.user + c1.system) / 1000`,
    `const cjs = Object.keys(createRequire(import.meta.url).cache)`,
    `const esm = existsSync(${JSON.stringify(log)}) ? readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').filter(Boolean) : []`,
    `process.stdout.write(JSON.stringify({ ms, cpuMs, modules: [...esm, ...cjs] }))`,
  ].join('\n')
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' })
  rmSync(log, { force: true })
  if (run.status !== 0) throw new Error(`import ${specifier} failed in ${cwd}:\n${run.stderr}`)
  return JSON.parse(run.stdout) as ImportProbe
}

/** The optional peers among `modules` (paths or URLs under node_modules). */
export function peersLoaded(modules: readonly string[]): string[] {
  return OPTIONAL_PEERS.filter((pkg) => modules.some((m) => m.includes(`/node_modules/${pkg}/`)))
}
