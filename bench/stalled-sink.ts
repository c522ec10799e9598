/**
 * A stalled sink: Betterstack at a receiver that takes every request and
 * never answers. The application emits `--lines` lines (default 1M; fewer on
 * a slow machine) in chunks of 1000 with a turn of the loop between them,
 * then closes. Printed: the main thread's heap growth, the worker's heap,
 * the emit cost against the same run with a healthy receiver, and the
 * accounting (every line on disk or counted).
 *
 *   npm run build && node dist/bench/stalled-sink.js [--lines 1000000]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { createLogger } from '../emitters/index.js'
import { startBenchReceiver, type BenchReceiver } from './receiver.js'
import { catalog, logoProps } from './transport-catalog.js'

const i = process.argv.indexOf('--lines')
const LINES = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000
const work = mkdtempSync(join(tmpdir(), 'linecast-bench-stalled-'))
const out = (text: string): boolean => process.stdout.write(`${text}\n`)
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

function linesOnDisk(dir: string): number {
  let n = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) n += linesOnDisk(path)
    else if (name.endsWith('.ndjson')) n += readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"logo_generated"')).length
  }
  return n
}

interface Run {
  nsPerEmit: number
  heapGrowth: number
  workerHeap: number
  delivered: number
  dropped: number
  onDisk: number
}

async function run(receiver: BenchReceiver, label: string): Promise<Run> {
  const dir = mkdtempSync(join(work, `${label}-`))
  // every drop is reported on a linecast.delivery line, also the ones made while close() spools the backlog
  let reportedDrops = 0
  const onReport = (line: { event?: unknown; outcome?: unknown; count?: unknown }): void => {
    if (line.event === 'linecast.delivery' && line.outcome === 'dropped' && typeof line.count === 'number') reportedDrops += line.count
  }
  const log = createLogger({
    catalog,
    destination: pino.destination({ dest: '/dev/null', sync: true }),
    env: 'production',
    vars: { BETTERSTACK_URL: `${receiver.url}/ingest` },
    delivery: { destinations: ['betterstack'], spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), handleSignals: false, alerts: false, diagnostics: 'none', statsIntervalMs: 0, budgetMs: 3000, onReport },
  })
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  let heapMax = heapBefore
  let emitNs = 0
  let workerHeap = 0
  for (let done = 0; done < LINES; done += 1000) {
    const start = process.hrtime.bigint()
    for (let k = 0; k < 1000 && done + k < LINES; k++) log.emit.logoGenerated(logoProps)
    emitNs += Number(process.hrtime.bigint() - start)
    heapMax = Math.max(heapMax, process.memoryUsage().heapUsed)
    await new Promise((resolve) => setImmediate(resolve))
    if (done % 100_000 === 0) workerHeap = Math.max(workerHeap, (await log.deliveryStats())?.workerHeapBytes ?? 0)
  }
  const stats = await log.deliveryStats()
  workerHeap = Math.max(workerHeap, stats?.workerHeapBytes ?? 0)
  await log.close()
  const s = stats?.destinations.betterstack
  const onDisk = linesOnDisk(dir)
  return { nsPerEmit: emitNs / LINES, heapGrowth: heapMax - heapBefore, workerHeap, delivered: s?.delivered ?? 0, dropped: reportedDrops, onDisk }
}

const healthy = await startBenchReceiver()
const stalled = await startBenchReceiver(24 * 3600 * 1000)
try {
  out(`stalled sink: ${LINES} lines emitted to Betterstack at a receiver that never answers, then close()`)
  const ok = await run(healthy, 'healthy')
  const bad = await run(stalled, 'stalled')
  out(`  main-thread heap growth    ${mib(bad.heapGrowth)} (healthy ${mib(ok.heapGrowth)}; target <= 64 MiB)`)
  out(`  worker heap (largest seen) ${mib(bad.workerHeap)} (healthy ${mib(ok.workerHeap)})`)
  out(`  emit cost                  ${bad.nsPerEmit.toFixed(0)} ns vs healthy ${ok.nsPerEmit.toFixed(0)} ns: ${(bad.nsPerEmit / ok.nsPerEmit).toFixed(2)}x (target <= 1.1x)`)
  const accounted = bad.delivered + bad.onDisk + bad.dropped
  out(`  accounting                 ${bad.onDisk} on disk + ${bad.dropped} dropped (reported) + ${bad.delivered} delivered = ${accounted} of ${LINES}${accounted === LINES ? ' (every line)' : ' (MISSING LINES)'}`)
} finally {
  await Promise.all([healthy.close(), stalled.close()])
  rmSync(work, { recursive: true, force: true })
}
