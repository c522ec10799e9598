/**
 * End to end, emit -> receiver count, for linecast and for the hand-written
 * glue (bench/glue-worker.ts) against the same local receiver; the worker
 * pipeline alone (pre-made lines fed to the runtime in this thread) against
 * the split2 + JSON.parse floor. The main-thread cost of an emit is in
 * emit-cost.ts.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { createLogger, withContext } from '../emitters/index.js'
import { startRuntime } from '../transports/worker/runtime.js'
import type { BenchReceiver } from './receiver.js'
import { benchLines, catalog, compiled, logoProps } from './transport-catalog.js'

export type Vendor = 'betterstack' | 'posthog' | 'mixpanel'

const GLUE = fileURLToPath(new URL('./glue-worker.js', import.meta.url))
const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9
const devNull = (): pino.DestinationStream => pino.destination({ dest: '/dev/null', sync: true })

export function vendorVars(vendor: Vendor, receiver: Pick<BenchReceiver, 'url'>): Record<string, string> {
  if (vendor === 'betterstack') return { BETTERSTACK_URL: `${receiver.url}/ingest` }
  if (vendor === 'posthog') return { POSTHOG_HOST: receiver.url }
  return { MIXPANEL_URL: `${receiver.url}/import` }
}

function glueUrl(vendor: Vendor, receiver: BenchReceiver): string {
  if (vendor === 'betterstack') return `${receiver.url}/ingest`
  if (vendor === 'posthog') return `${receiver.url}/batch/`
  return `${receiver.url}/import`
}

/** lines/s from the first emit until the receiver counted every event, through createLogger with delivery */
export async function linecastEndToEnd(vendor: Vendor, n: number, receiver: BenchReceiver, work: string): Promise<number> {
  const dir = mkdtempSync(join(work, 'e2e-'))
  const log = createLogger({
    catalog,
    destination: devNull(),
    env: 'production',
    vars: vendorVars(vendor, receiver),
    delivery: { destinations: [vendor], spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), handleSignals: false, alerts: false, diagnostics: 'none', statsIntervalMs: 0, budgetMs: 600_000 },
  })
  try {
    const before = receiver.events
    withContext({ userId: 'user-1' }, () => log.emit.logoGenerated(logoProps))
    await log.flush()
    await receiver.waitForEvents(before + 1)
    const base = receiver.events
    const start = process.hrtime.bigint()
    withContext({ userId: 'user-1' }, () => {
      for (let i = 0; i < n; i++) log.emit.logoGenerated(logoProps)
    })
    await receiver.waitForEvents(base + n)
    return n / since(start)
  } finally {
    await log.close()
  }
}

/** the same through the hand-written glue */
export async function glueEndToEnd(vendor: Vendor, n: number, receiver: BenchReceiver): Promise<number> {
  const transport = pino.transport({ target: GLUE, options: { vendor, url: glueUrl(vendor, receiver) } })
  const log = pino(
    { base: { service: 'bench-api', env: 'production' }, formatters: { level: (label) => ({ level: label }) }, timestamp: pino.stdTimeFunctions.isoTime, mixin: () => ({ eventId: randomUUID() }) },
    transport,
  )
  const line = { event: 'logo_generated', kind: 'analytics', userId: 'user-1', ...logoProps }
  try {
    const before = receiver.events
    log.info(line, 'warm up')
    await receiver.waitForEvents(before + 1)
    const base = receiver.events
    const start = process.hrtime.bigint()
    for (let i = 0; i < n; i++) log.info(line, 'Logo generated for brand-1 with flux-2-pro')
    await receiver.waitForEvents(base + n)
    return n / since(start)
  } finally {
    transport.end()
  }
}

/** the worker pipeline alone: pre-made lines accepted by the runtime in this thread, until flush() says delivered */
export async function workerAlone(n: number, receiver: BenchReceiver, work: string): Promise<number> {
  const dir = mkdtempSync(join(work, 'worker-'))
  const lines = benchLines('logo_generated', n).map((l) => l.slice(0, -1))
  const runtime = await startRuntime(
    { catalog: compiled, destinations: ['betterstack'], env: vendorVars('betterstack', receiver), spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), diagnostics: 'none', alerts: false, statsIntervalMs: 0, budgetMs: 600_000 },
    { post: () => undefined, write: () => undefined },
  )
  try {
    const start = process.hrtime.bigint()
    for (let i = 0; i < lines.length; i++) {
      runtime.accept(lines[i] as string)
      // the input arrives in chunks in the worker: let the sends run between them
      if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve))
    }
    await runtime.flush()
    return n / since(start)
  } finally {
    await runtime.shutdown()
  }
}
