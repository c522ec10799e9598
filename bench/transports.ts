/**
 * Transport bench, in one run:
 *
 * 1. lines/s through each sink (Betterstack, Slack, PostHog, Sentry,
 *    Mixpanel, audit_log on PGlite in a temp dir and on the machine's
 *    Postgres) from the application's thread to a local receiver or database,
 *    through the real worker thread, next to the floor: split2 + JSON.parse
 *    of the same lines in this process.
 * 2. the application's cost of one `log.emit` (wall ns in the main thread)
 *    with no delivery, with a healthy sink, a slow sink (answering after 2 s)
 *    and a sink that is down (connection refused): the application must not
 *    stall, the spool takes what the sink cannot.
 *
 * 3. linecast against the hand-written glue it replaces (bench/versus-glue.ts):
 *    end to end per vendor, the worker alone against the floor, the emit cost
 *    against plain pino.
 *
 *   npm run build && node dist/bench/transports.js [--scale 1] [--rounds 5] [--calls 20000] [--lines 50000] [--only sinks|emit|versus]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the
 * Postgres; when it cannot be reached that row says so. About 40 s.
 * Figures are wall time: on a machine with few cores the worker thread and
 * the application's thread share them, and the ratios say so.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import pino from 'pino'
import split2 from 'split2'
import { createLogger } from '../emitters/index.js'
import { migrateDatabase } from '../transports/sinks/audit-log/index.js'
import { openTransport } from '../transports/main/open-transport.js'
import type { DestinationStats } from '../transports/worker/delivery/stats.js'
import { refusedUrl, startBenchReceiver, type BenchReceiver } from './receiver.js'
import { versusGlue } from './versus-glue.js'
import { benchLines, catalog, compiled, DESTINATIONS, FEED, logoProps, type BenchDestination } from './transport-catalog.js'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}

const SCALE = arg('scale', 1)
const ROUNDS = arg('rounds', 5)
const CALLS = arg('calls', 20_000)
const VERSUS_LINES = arg('lines', 50_000)
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** lines per throughput run: sinks that send one request per line get fewer */
const LINES: Record<BenchDestination, number> = {
  betterstack: 20_000,
  slack: 300,
  posthog: 20_000,
  sentry: 1_000,
  mixpanel: 20_000,
  'audit_log (PGlite)': 5_000,
  'audit_log (Postgres)': 20_000,
}

const work = mkdtempSync(join(tmpdir(), 'linecast-bench-transports-'))
const out = (text: string): boolean => process.stdout.write(`${text}\n`)
const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9

/** split2 + JSON.parse over the same lines, in this process: lines/s, the best of `passes` */
async function floor(lines: readonly string[], passes = 3): Promise<number> {
  const text = lines.join('')
  let best = 0
  for (let r = 0; r < passes; r++) {
    const start = process.hrtime.bigint()
    let n = 0
    await new Promise<void>((resolve, reject) => {
      Readable.from([text])
        .pipe(split2(JSON.parse))
        .on('data', () => void n++)
        .on('end', resolve)
        .on('error', reject)
    })
    best = Math.max(best, n / since(start))
  }
  return best
}

interface SinkRun {
  linesPerSecond: number
  stats: DestinationStats | undefined
  note?: string
}

/** Writes the lines into a transport with only `name` on and waits until flush() says they are settled. */
async function throughput(name: BenchDestination, env: Record<string, string>, lines: readonly string[]): Promise<SinkRun> {
  const dir = mkdtempSync(join(work, 'sink-'))
  const transport = openTransport({
    catalog: compiled,
    destinations: [name],
    env,
    spoolDir: join(dir, 'spool'),
    deadLetterDir: join(dir, 'dead'),
    handleSignals: false,
    diagnostics: 'none',
    alerts: false,
    statsIntervalMs: 0,
    budgetMs: 60_000,
    maxBufferedBytes: 256 * 1024 * 1024,
  })
  try {
    // warm up: the worker is started and the sink connected before the clock runs
    const [warm] = benchLines(FEED[name], 1)
    transport.stream.write(warm as string)
    await transport.flush()
    const start = process.hrtime.bigint()
    for (const line of lines) transport.stream.write(line)
    await transport.flush()
    const seconds = since(start)
    const stats = await transport.stats()
    const s = stats.destinations[name]
    const off = stats.off[name]
    const delivered = (s?.delivered ?? 0) - 1
    const note =
      off !== undefined
        ? `off: ${off}`
        : delivered !== lines.length
          ? `only ${delivered} of ${lines.length} delivered (spooled ${s?.spooled ?? 0}, dead-lettered ${s?.deadLettered ?? 0})`
          : undefined
    return { linesPerSecond: delivered / seconds, stats: s, ...(note === undefined ? {} : { note }) }
  } finally {
    await transport.close()
  }
}

async function postgresTable(): Promise<string | undefined> {
  const table = `bench_audit_${process.pid}`
  try {
    await migrateDatabase({ databaseUrl: DATABASE_URL }, { table })
    return table
  } catch {
    return undefined
  }
}

async function dropTable(table: string): Promise<void> {
  const pg = (await import('pg')).default
  const client = new pg.Client(DATABASE_URL)
  await client.connect()
  await client.query(`drop table if exists "${table}"`)
  await client.end()
}

async function sinks(): Promise<void> {
  const receiver = await startBenchReceiver()
  const table = await postgresTable()
  const env: Record<string, string> = {
    BETTERSTACK_URL: `${receiver.url}/ingest`,
    SLACK_WEBHOOK_URL: `${receiver.url}/services/T0/B0/x`,
    POSTHOG_HOST: receiver.url,
    SENTRY_DSN: `http://bench@127.0.0.1:${receiver.port}/1`,
    MIXPANEL_URL: `${receiver.url}/import`,
    PGLITE_DIR: join(work, 'pglite'),
    DATABASE_URL,
    AUDIT_TABLE: table ?? 'audit_log',
  }
  out(`lines/s through each sink to a local receiver (worker thread, batches as each sink allows), scale ${SCALE}`)
  out(`  ${'sink'.padEnd(22)} ${'lines'.padStart(7)} ${'lines/s'.padStart(10)} ${'floor lines/s'.padStart(14)} ${'ratio'.padStart(8)}`)
  try {
    for (const name of Object.keys(DESTINATIONS) as BenchDestination[]) {
      const n = Math.max(10, Math.round(LINES[name] * SCALE))
      if (name === 'audit_log (Postgres)' && table === undefined) {
        out(`  ${name.padEnd(22)} skipped: Postgres not reachable at ${DATABASE_URL}`)
        continue
      }
      const lines = benchLines(FEED[name], n)
      const floorRate = await floor(lines)
      const run = await throughput(name, env, lines)
      const ratio = run.linesPerSecond / floorRate
      out(
        `  ${name.padEnd(22)} ${String(n).padStart(7)} ${run.linesPerSecond.toFixed(0).padStart(10)} ${floorRate.toFixed(0).padStart(14)} ` +
          `${ratio.toFixed(4).padStart(8)}${run.note === undefined ? '' : `  (${run.note})`}`,
      )
    }
  } finally {
    await receiver.close()
    if (table !== undefined) await dropTable(table).catch(() => undefined)
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface EmitRun {
  ns: number
  worst: number
  stats: DestinationStats | undefined
  /** lines the application's thread spooled itself because the worker was behind */
  overflow: number
  flushMs: number
  closeMs: number
}

/** Wall ns per log.emit in this thread, ROUNDS rounds of CALLS emits with a turn of the loop between them. */
async function emitCost(betterstackUrl: string | undefined): Promise<EmitRun> {
  const dir = mkdtempSync(join(work, 'emit-'))
  const log = createLogger({
    catalog,
    destination: pino.destination({ dest: '/dev/null', sync: true }),
    env: 'production',
    vars: betterstackUrl === undefined ? {} : { BETTERSTACK_URL: betterstackUrl },
    delivery:
      betterstackUrl === undefined
        ? false
        : { destinations: ['betterstack'], spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), handleSignals: false, budgetMs: 500, alerts: false, diagnostics: 'none', statsIntervalMs: 0 },
  })
  const rounds: number[] = []
  for (let r = 0; r < ROUNDS + 1; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < CALLS; i++) log.emit.logoGenerated(logoProps)
    const ns = Number(process.hrtime.bigint() - start) / CALLS
    if (r > 0) rounds.push(ns) // round 0 warms up
    await turn()
  }
  let start = process.hrtime.bigint()
  await log.flush()
  const flushMs = since(start) * 1000
  const all = await log.deliveryStats()
  const stats = all?.destinations.betterstack
  start = process.hrtime.bigint()
  await log.close()
  const closeMs = since(start) * 1000
  return { ns: median(rounds), worst: Math.max(...rounds), stats, overflow: all?.overflow ?? 0, flushMs, closeMs }
}

async function emits(): Promise<void> {
  const healthy = await startBenchReceiver()
  const slow = await startBenchReceiver(2000)
  const down = await refusedUrl()
  out('')
  out(`main-thread cost of log.emit.logoGenerated with delivery to Betterstack: ${ROUNDS} rounds x ${CALLS} emits, median wall ns per emit`)
  out(`  ${'sink'.padEnd(30)} ${'ns/emit'.padStart(8)} ${'worst'.padStart(7)} ${'ratio'.padStart(6)}   then: delivered / spooled by the worker / queued / spooled by the app thread, flush(), close()`)
  try {
    // the baseline runs first and last, so drift in the machine's load lands on both sides
    const cases: [string, string][] = [
      ['healthy', `${healthy.url}/ingest`],
      ['slow (answers after 2 s)', `${slow.url}/ingest`],
      ['down (connection refused)', `${down}/ingest`],
    ]
    const before = await emitCost(undefined)
    const runs: [string, EmitRun][] = []
    for (const [label, url] of cases) runs.push([label, await emitCost(url)])
    const after = await emitCost(undefined)
    const base = (before.ns + after.ns) / 2
    out(`  ${'no delivery (before, after)'.padEnd(30)} ${base.toFixed(0).padStart(8)} ${Math.max(before.worst, after.worst).toFixed(0).padStart(7)} ${'1.00'.padStart(6)}   ${before.ns.toFixed(0)} ns, ${after.ns.toFixed(0)} ns`)
    for (const [label, run] of runs) {
      const s = run.stats
      out(
        `  ${label.padEnd(30)} ${run.ns.toFixed(0).padStart(8)} ${run.worst.toFixed(0).padStart(7)} ${(run.ns / base).toFixed(2).padStart(6)}   ` +
          `${s?.delivered ?? 0} / ${s?.spooled ?? 0} / ${s?.queued ?? 0} / ${run.overflow}, ${run.flushMs.toFixed(0)} ms, ${run.closeMs.toFixed(0)} ms`,
      )
    }
    out('  (wall time: on a busy machine it includes the worker thread competing for the same cores)')
  } finally {
    await Promise.all([healthy.close(), slow.close()])
  }
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
const started = process.hrtime.bigint()
try {
  if (only === undefined || only === 'sinks') await sinks()
  if (only === undefined || only === 'emit') await emits()
  if (only === undefined || only === 'versus') await versusGlue({ lines: VERSUS_LINES, rounds: 3, calls: CALLS, work, out, floor })
} finally {
  rmSync(work, { recursive: true, force: true })
}
out(`\n(${since(started).toFixed(1)} s)`)
