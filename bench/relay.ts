/**
 * Stream mode, measured in one run against the machine's Redis (unique keys)
 * and a local receiver (a Betterstack-shaped endpoint):
 *  - producer: lines/s appended to the stream by a transport in stream mode;
 *  - relays: lines/s end to end (stream -> `linecast relay` child processes ->
 *    receiver) with one relay and with two, and their ratio;
 *  - ship: lines/s of `linecast ship`'s validation next to the floor
 *    (JSON.parse of the same NDJSON);
 *  - emit: CPU ns per `log.emit` with delivery in stream mode next to raw pino.
 *
 *   npm run build && REDIS_URL=redis://127.0.0.1:6379 node dist/bench/relay.js [--lines 20000]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import pino from 'pino'
import { compileShipper } from '../cli/ship/accept.js'
import { createLogger } from '../emitters/index.js'
import { openTransport } from '../transports/main/open-transport.js'
import type { CompiledCatalog } from '../schema/compiled.js'
import { startBenchReceiver, type BenchReceiver } from './receiver.js'
import { benchLines, catalog as emitCatalog, compiled as benchCompiled, logoProps } from './transport-catalog.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url))
const i = process.argv.indexOf('--lines')
const N = i >= 0 ? Number(process.argv[i + 1]) : 20_000

function streamCatalog(url: string, stream: string, group: string): CompiledCatalog {
  return {
    ...benchCompiled,
    destinations: { logs: { kind: 'betterstack', settings: { token: 'bench', url } } },
    routes: { info: ['logs'] },
    delivery: { mode: 'stream', redisUrl: REDIS_URL, stream, group },
  }
}

/** The same catalog as YAML, for the relay command. */
function catalogYaml(url: string, stream: string, group: string): string {
  return `catalog: 1
service: bench-api
delivery: { mode: stream, redisUrl: "${REDIS_URL}", stream: "${stream}", group: "${group}" }
destinations:
  logs: { kind: betterstack, token: bench, url: "${url}" }
routes:
  info: [logs]
events: {}
`
}

/** Appends N lines through a transport in stream mode; returns lines/s. */
async function fill(catalog: CompiledCatalog, dir: string): Promise<number> {
  const lines = benchLines('logo_generated', N)
  const transport = openTransport({ catalog, handleSignals: false, diagnostics: 'none', spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dl') })
  const start = performance.now()
  for (const line of lines) transport.stream.write(line)
  await transport.flush()
  const seconds = (performance.now() - start) / 1000
  await transport.close()
  return N / seconds
}

function startRelayProcess(catalogPath: string, dir: string, name: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, [CLI, 'relay', '--catalog', catalogPath, '--consumer', name, '--concurrency', '4'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  const ready = new Promise<void>((resolve) => {
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      if (text.includes(': reading ')) resolve()
    })
  })
  return { child, ready }
}

/** End-to-end lines/s of `relays` relay processes draining a stream holding N lines. */
async function relayRun(receiver: BenchReceiver, relays: number): Promise<{ fill: number; relay: number }> {
  const id = randomBytes(4).toString('hex')
  const stream = `lc-bench:{${id}}:lines`
  const group = `bench-${id}`
  const dir = mkdtempSync(join(tmpdir(), 'linecast-relay-bench-'))
  const catalogPath = join(dir, 'events.catalog.yaml')
  writeFileSync(catalogPath, catalogYaml(receiver.url, stream, group))
  const filled = await fill(streamCatalog(receiver.url, stream, group), dir)
  const before = receiver.events
  // timing starts when the first relay reads (process start-up is not delivery)
  const started = Array.from({ length: relays }, (_, k) => startRelayProcess(catalogPath, dir, `bench-${id}-${k}`))
  await Promise.race(started.map((s) => s.ready))
  const t0 = performance.now()
  await receiver.waitForEvents(before + N, 300_000)
  const seconds = (performance.now() - t0) / 1000
  await Promise.all(started.map((s) => new Promise((resolve) => (s.child.once('exit', resolve), s.child.kill('SIGTERM')))))
  const redis = new Redis(REDIS_URL)
  await redis.del(stream)
  redis.disconnect()
  return { fill: filled, relay: N / seconds }
}

function shipRates(): { floor: number; ship: number } {
  const lines = benchLines('logo_generated', N).map((l) => l.trimEnd())
  const ship = compileShipper({ catalog: benchCompiled, environment: 'production', vars: {} })
  let t = performance.now()
  for (const line of lines) JSON.parse(line)
  const floor = N / ((performance.now() - t) / 1000)
  t = performance.now()
  for (const line of lines) ship(line)
  return { floor, ship: N / ((performance.now() - t) / 1000) }
}

function cpuNsPerCall(fn: () => void, calls: number): number {
  const start = process.cpuUsage()
  for (let k = 0; k < calls; k++) fn()
  const used = process.cpuUsage(start)
  return ((used.user + used.system) * 1000) / calls
}

async function emitCost(receiver: BenchReceiver): Promise<{ raw: number; stream: number }> {
  const id = randomBytes(4).toString('hex')
  const dir = mkdtempSync(join(tmpdir(), 'linecast-relay-bench-'))
  const dest = pino.destination({ dest: '/dev/null', sync: true })
  const raw = pino({ base: { service: 'bench-api', env: 'production' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, dest)
  const catalog = { ...emitCatalog, compiled: { ...streamCatalog(receiver.url, `lc-bench:{${id}}:emit`, `bench-${id}`), events: emitCatalog.compiled.events } }
  const log = createLogger({ catalog, destination: dest, env: 'production', delivery: { handleSignals: false, diagnostics: 'none', spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dl') } })
  const rounds: { raw: number; stream: number }[] = []
  for (let r = 0; r < 3; r++) {
    rounds.push({ raw: cpuNsPerCall(() => raw.info(logoProps), 10_000), stream: cpuNsPerCall(() => log.emit.logoGenerated(logoProps), 10_000) })
    await log.flush()
  }
  await log.close()
  const redis = new Redis(REDIS_URL)
  await redis.del(`lc-bench:{${id}}:emit`)
  redis.disconnect()
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1] as number
  return { raw: median(rounds.map((x) => x.raw)), stream: median(rounds.map((x) => x.stream)) }
}

const receiver = await startBenchReceiver(0, true)
const one = await relayRun(receiver, 1)
const two = await relayRun(receiver, 2)
const shipped = shipRates()
const emit = await emitCost(receiver)
await receiver.close()
const f = (n: number): string => Math.round(n).toLocaleString('en-US')
process.stdout.write(
  [
    `linecast stream-mode bench: ${N} lines, Redis ${REDIS_URL}, Betterstack-shaped local receiver`,
    `  producer appends (stream mode)      ${f((one.fill + two.fill) / 2)} lines/s`,
    `  end to end, one relay               ${f(one.relay)} lines/s`,
    `  end to end, two relays              ${f(two.relay)} lines/s   (${(two.relay / one.relay).toFixed(2)}x one relay)`,
    `  ship validation                     ${f(shipped.ship)} lines/s   (${(shipped.ship / shipped.floor).toFixed(2)}x the JSON.parse floor of ${f(shipped.floor)} lines/s)`,
    `  emit cost, delivery in stream mode  ${emit.stream.toFixed(0)} ns   (${(emit.stream / emit.raw).toFixed(2)}x raw pino's ${emit.raw.toFixed(0)} ns)`,
    '',
  ].join('\n'),
)
process.exit(0)
