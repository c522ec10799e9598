/**
 * Sinks bench, in one run: each sink driven directly (encode + send at its own
 * limits, no worker, no spool) next to what a team writes by hand, against the
 * same local receiver or database, as ratios measured in the same run.
 *
 * - Betterstack, PostHog, Mixpanel: linecast / hand-written batches of 1000 (JSON.stringify, gzip, one fetch)
 * - audit_log on Postgres: linecast / a hand-written 1000-row unnest insert on one connection
 * - Sentry: linecast / the same @sentry/node transport fed envelopes with a 64-envelope window
 * - requests in flight: lines/s of each sink at 1, 2, 4 and 8 (how `maxInFlight` was chosen)
 *
 *   npm run build && node dist/bench/sinks.js [--rounds 3] [--lines 20000] [--only http|audit|sentry]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the Postgres. About a minute.
 */
import pg from 'pg'
import { createSink as createAuditLog } from '../transports/sinks/audit-log/index.js'
import { migrateDatabase } from '../transports/sinks/audit-log/migrate.js'
import { createSink as createBetterstack } from '../transports/sinks/betterstack/index.js'
import { createSink as createMixpanel } from '../transports/sinks/mixpanel/index.js'
import { createSink as createPosthog } from '../transports/sinks/posthog/index.js'
import { createSink as createSentry } from '../transports/sinks/sentry/index.js'
import type { Sink, SinkContext } from '../transports/worker/delivery/types.js'
import { startBenchReceiver } from './receiver.js'
import { handWrittenHttp, handWrittenInsert, handWrittenSentry } from './sink-baselines.js'
import { driveSink, paired, parsedLines, type Paired } from './sink-drive.js'
import { benchLines, compiled } from './transport-catalog.js'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}
const only = ((): string | undefined => {
  const i = process.argv.indexOf('--only')
  return i >= 0 ? process.argv[i + 1] : undefined
})()

const ROUNDS = arg('rounds', 3)
const LINES = arg('lines', 20_000)
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const IN_FLIGHT = [1, 2, 4, 8]

const out = (text: string): boolean => process.stdout.write(`${text}\n`)
const context = (settings: Record<string, unknown>): SinkContext => ({ settings, catalog: compiled, report: () => undefined })
const fmt = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`
const show = (p: Paired, what: string): string => `${fmt(p.linecast).padStart(12)}   ${what} ${fmt(p.handWritten)}   linecast / ${what} ${p.ratio.toFixed(2)}x`

async function withSink<Item>(make: () => Sink<Item> | Promise<Sink<Item>>, run: (sink: Sink<Item>) => Promise<number>): Promise<number> {
  const sink = await make()
  try {
    return await run(sink)
  } finally {
    await sink.close?.()
  }
}

async function httpSinks(): Promise<void> {
  const receiver = await startBenchReceiver()
  const input = parsedLines(benchLines('logo_generated', LINES))
  const sinks: Record<string, () => Sink<unknown>> = {
    betterstack: () => createBetterstack('logs', context({ token: 'bench', url: `${receiver.url}/` })) as Sink<unknown>,
    posthog: () => createPosthog('product', context({ apiKey: 'phc_bench', host: receiver.url })) as Sink<unknown>,
    mixpanel: () => createMixpanel('mixpanel', context({ token: 'bench', url: `${receiver.url}/import` })) as Sink<unknown>,
  }
  out(`\nHTTP sinks: ${LINES} analytics lines, encode + send; hand-written: batches of 1000, gzip, one fetch; median of ${ROUNDS}`)
  for (const [name, make] of Object.entries(sinks)) {
    const result = await paired(ROUNDS, () => withSink(make, (sink) => driveSink(sink, input)), () => handWrittenHttp(`${receiver.url}/`, input.lines))
    const sweep: string[] = []
    for (const n of IN_FLIGHT) sweep.push(`${n}: ${fmt(await withSink(make, (sink) => driveSink(sink, input, n)))}`)
    out(`  ${name.padEnd(12)} ${show(result, 'hand-written')}`)
    out(`  ${''.padEnd(12)} in flight ${sweep.join(', ')}`)
  }
  await receiver.close()
}

async function auditLog(): Promise<void> {
  const table = `lc_bench_sinks_${process.pid}`
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  try {
    await admin.connect()
  } catch (error) {
    out(`\naudit_log: Postgres at ${DATABASE_URL} cannot be reached (${(error as Error).message}); skipped`)
    return
  }
  await migrateDatabase({ databaseUrl: DATABASE_URL }, { table })
  out(`\naudit_log on Postgres: ${LINES} cost rows, batches of 1000 (default pool: 2 in flight); hand-written: the 1000-row unnest insert on one connection; median of ${ROUNDS}`)
  const fresh = () => parsedLines(benchLines('ai_api_call', LINES))
  try {
    const make = () => createAuditLog('audit', context({ databaseUrl: DATABASE_URL, table }))
    const result = await paired(ROUNDS, () => withSink(make, (sink) => driveSink(sink, fresh())), () => handWrittenInsert(DATABASE_URL, table, fresh().lines))
    const wide = () => createAuditLog('audit', context({ databaseUrl: DATABASE_URL, table, poolSize: Math.max(...IN_FLIGHT) }))
    const sweep: string[] = []
    for (const n of IN_FLIGHT) sweep.push(`${n}: ${fmt(await withSink(wide, (sink) => driveSink(sink, fresh(), n)))}`)
    out(`  audit_log    ${show(result, 'one-connection insert')}`)
    out(`  ${''.padEnd(12)} in flight ${sweep.join(', ')}`)
  } finally {
    await admin.query(`drop table if exists ${table}`)
    await admin.end()
  }
}

async function sentry(): Promise<void> {
  const receiver = await startBenchReceiver()
  const count = Math.min(LINES, 3000)
  const input = parsedLines(benchLines('payment_failed', count))
  out(`\nSentry: ${count} error lines, one envelope each; against the @sentry/node transport fed envelopes with a 64-envelope window; median of ${ROUNDS}`)
  const make = () => createSentry('errors', context({ dsn: `http://bench@127.0.0.1:${receiver.port}/9` }))
  const result = await paired(ROUNDS, () => withSink(make, (sink) => driveSink(sink, input)), () => handWrittenSentry(receiver.port, input.lines))
  const sweep: string[] = []
  for (const n of [1, 2, 4]) sweep.push(`${n}: ${fmt(await withSink(make, (sink) => driveSink(sink, input, n)))}`)
  out(`  sentry       ${show(result, 'SDK transport')}`)
  out(`  ${''.padEnd(12)} batches in flight ${sweep.join(', ')}`)
  await receiver.close()
}

if (only === undefined || only === 'http') await httpSinks()
if (only === undefined || only === 'audit') await auditLog()
if (only === undefined || only === 'sentry') await sentry()
