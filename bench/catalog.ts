/**
 * What a large catalog costs: `linecast generate` and `tsc` on the generated
 * events.ts, for catalogs of 0, N/10 and N events (default N = 10,000), each
 * in its own child process. CPU time (user + system of the child) is the
 * figure, since other load on the machine inflates wall time; wall time and
 * peak resident memory are printed beside it. The ratios say whether the cost
 * per event stays the same from N/10 to N (1.0 = linear). tsc runs with a
 * 2 GB heap limit, so a catalog that needs more fails here.
 *
 *   npm run build && node dist/bench/catalog.js [--events 10000]
 *
 * Targets at 10,000 events: generate under 10 s, tsc under 60 s and 2 GB.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { largeCatalogYaml } from './large-catalog.js'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const cli = join(repoRoot, 'dist', 'cli', 'main.js')
const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
const preload = pathToFileURL(fileURLToPath(new URL('./usage-preload.js', import.meta.url))).href

interface Usage {
  wallMs: number
  cpuMs: number
  maxRssKb: number
}

/** Runs `node args` in `cwd`; resolves to its wall time, CPU time and peak memory, or rejects with its output. */
function measure(args: string[], cwd: string): Promise<Usage> {
  const usageFile = join(cwd, `usage-${process.hrtime.bigint()}.json`)
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', preload, ...args], {
      cwd,
      env: { ...process.env, LINECAST_BENCH_USAGE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6
      if (code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited ${code}:\n${output.slice(0, 4000)}`))
        return
      }
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssKb: number }
      resolve({ wallMs, ...usage })
    })
  })
}

/** A project holding the catalog, with `linecast` and `zod` resolving to this repository's. */
function project(root: string, events: number): string {
  const dir = join(root, `catalog-${events}`)
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  symlinkSync(repoRoot, join(dir, 'node_modules', 'linecast'), 'dir')
  symlinkSync(join(repoRoot, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'), 'dir')
  writeFileSync(join(dir, 'events.catalog.yaml'), largeCatalogYaml(events))
  const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [] }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['generated/events.ts'] }))
  return dir
}

interface Row {
  events: number
  generate: Usage
  tsc: Usage
  bytes: number
}

async function run(root: string, events: number): Promise<Row> {
  const dir = project(root, events)
  const generate = await measure([cli, 'generate'], dir)
  const bytes = statSync(join(dir, 'generated', 'events.ts')).size
  const check = await measure(['--max-old-space-size=2048', tsc, '-p', 'tsconfig.json'], dir)
  return { events, generate, tsc: check, bytes }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
const megabytes = (kb: number): string => `${Math.round(kb / 1024)} MB`

function print(row: Row): void {
  const { events, generate, tsc: check, bytes } = row
  process.stdout.write(
    `${String(events).padStart(6)} events  generate ${seconds(generate.cpuMs).padStart(7)} cpu [${seconds(generate.wallMs)} wall, ${megabytes(generate.maxRssKb)}]` +
      `  events.ts ${megabytes(bytes / 1024).padStart(6)}  tsc ${seconds(check.cpuMs).padStart(7)} cpu [${seconds(check.wallMs)} wall] peak ${megabytes(check.maxRssKb)}\n`,
  )
}

/** Cost per event above the empty catalog at `large`, over the same at `small`: 1.0 is linear. */
function growth(base: number, small: Row, large: Row, pick: (row: Row) => number): string {
  const perSmall = (pick(small) - base) / small.events
  const perLarge = (pick(large) - base) / large.events
  return `x${(perLarge / perSmall).toFixed(2)}`
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' } } })
  const events = Number(values.events)
  const root = mkdtempSync(join(tmpdir(), 'linecast-bench-catalog-'))
  try {
    process.stdout.write(`catalog bench: generate and tsc on catalogs of 0, ${events / 10} and ${events} events\n`)
    const empty = await run(root, 0)
    print(empty)
    const small = await run(root, events / 10)
    print(small)
    const large = await run(root, events)
    print(large)
    process.stdout.write(
      `cost per event, ${events / 10} -> ${events} events (1.00 = linear): ` +
        `generate ${growth(empty.generate.cpuMs, small, large, (r) => r.generate.cpuMs)}, ` +
        `tsc time ${growth(empty.tsc.cpuMs, small, large, (r) => r.tsc.cpuMs)}, ` +
        `tsc memory ${growth(empty.tsc.maxRssKb, small, large, (r) => r.tsc.maxRssKb)}\n` +
        `targets at 10000 events: generate < 10 s, tsc < 60 s and < 2048 MB\n`,
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

await main()
