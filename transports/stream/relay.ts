/**
 * `linecast relay`: reads the stream in the consumer group, routes each line
 * with router/ and delivers it through the same destinations and delivery
 * chains as the in-process transport, and acknowledges (XACK) a batch of
 * entries only once every destination it routes to has taken its lines or
 * dead-lettered them (a flush of every chain that leaves nothing pending).
 * Entries a dead relay left pending are claimed after `claimIdleMs`.
 * Acknowledged entries are trimmed; lag is reported as `linecast.relay_stats`.
 * Alert windows are evaluated here, once per line, in stream mode.
 * `stop()`: no more reads; batches in flight finish and are acknowledged
 * within the deadline; the rest stays pending for the other relays.
 */
import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { Level } from '../../core/level.js'
import type { LogLine } from '../../core/line.js'
import { maskLineText } from '../../core/secrets.js'
import { levelOf } from '../../router/level.js'
import { compileRouter } from '../../router/route.js'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { startAlerts } from '../worker/alerts/hook.js'
import type { DeliveryChain } from '../worker/delivery/chain.js'
import { DeadLetter } from '../worker/delivery/dead-letter.js'
import { Losses } from '../worker/delivery/losses.js'
import { DeliveryCounters } from '../worker/delivery/stats.js'
import { startDestinations } from '../worker/destinations.js'
import { DEFAULTS, type WorkerOptions } from '../options.js'
import { ConsumerGroup, type StreamEntry } from './group.js'
import { connectStream, whenReady, type StreamSettings } from './settings.js'
import { metricsText, readRelayStats, type RelayStats } from './stats.js'
import { trimAcknowledged } from './trim.js'

export interface RelayOptions {
  catalog: CompiledCatalog
  settings: StreamSettings
  env: Readonly<Record<string, string | undefined>>
  /** unique per relay process; default host-pid-random */
  consumer: string
  /** batches delivered at once; default 4 */
  concurrency?: number
  /** entries read at once; default 500 */
  batchSize?: number
  /** entries pending this long on a relay are claimed by another (ms); default 30000 */
  claimIdleMs?: number
  /** how often acknowledged entries are trimmed and relay_stats written (ms); default 10000 */
  statsIntervalMs?: number
  /** chain options and spool/dead-letter folders, as for the transport worker */
  worker?: WorkerOptions
  /** the relay's own output (its linecast.* lines) */
  write(text: string): void
}

export interface Relay {
  readonly consumer: string
  /** resolves when the relay stopped */
  readonly done: Promise<void>
  stop(deadline: number): Promise<void>
  ready(): boolean
  stats(): Promise<RelayStats>
  metrics(): Promise<string>
}

function parseEntry(raw: string): LogLine | undefined {
  try {
    const value = JSON.parse(raw) as Record<string, unknown>
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
    if (typeof value.level !== 'string') value.level = levelOf(value.level)
    if (typeof value.eventId !== 'string') value.eventId = randomUUID()
    if (typeof value.time === 'number') value.time = new Date(value.time).toISOString()
    return value as LogLine
  } catch {
    return undefined
  }
}

export async function startRelay(o: RelayOptions): Promise<Relay> {
  const { catalog, settings } = o
  const worker = o.worker ?? {}
  const concurrency = Math.max(1, o.concurrency ?? 4)
  const batchSize = o.batchSize ?? 500
  const claimIdleMs = o.claimIdleMs ?? 30_000
  const budgetMs = worker.budgetMs ?? DEFAULTS.budgetMs
  const redis = connectStream(settings, `linecast-relay:${o.consumer}`)
  const reader = connectStream(settings, `linecast-relay-reader:${o.consumer}`)
  redis.on('error', () => undefined)
  reader.on('error', () => undefined)
  const group = new ConsumerGroup(reader, redis, settings.stream, settings.group, o.consumer)
  const counters = new DeliveryCounters()
  const deadLetter = new DeadLetter(resolve(worker.deadLetterDir ?? DEFAULTS.deadLetterDir))
  const spoolRoot = resolve(worker.spoolDir ?? join(DEFAULTS.spoolDir, 'relay', o.consumer))
  const router = compileRouter(catalog)
  let chains = new Map<string, DeliveryChain>()
  let stopping = false
  let acknowledged = 0

  const report = (level: Level, msg: string, fields: Record<string, unknown> = {}): void => {
    const { event, ...rest } = fields
    const line: LogLine = { level, time: new Date().toISOString(), eventId: randomUUID(), service: catalog.service, event: typeof event === 'string' ? event : 'linecast.delivery', kind: 'metric', msg, consumer: o.consumer, ...rest }
    const raw = JSON.stringify(line)
    o.write(`${raw}\n`)
    if (!stopping) route(raw, line)
  }
  const route = (raw: string, line: LogLine): void => {
    for (const name of router(line)) chains.get(name)?.accept(raw, line)
  }
  const malformed = new Losses('_malformed', counters.for('_malformed'), deadLetter, report)

  try {
    await Promise.all([whenReady(redis, 30_000), whenReady(reader, 30_000)])
    await group.ensure()
  } catch (error) {
    redis.disconnect()
    reader.disconnect()
    throw error
  }
  chains = await startDestinations({ catalog, options: { ...worker, spoolDir: spoolRoot }, env: o.env as NodeJS.ProcessEnv, spoolRoot, deadLetter, counters, report, toLine: (v) => parseEntry(JSON.stringify(v)) as LogLine })
  const alerts = startAlerts({ catalog, router, settings: worker.alerts ?? (settings.cluster ? undefined : { redisUrl: settings.redisUrl }), env: o.env, report, write: o.write, pipelines: chains })

  /** every chain delivered (or dead-lettered) what it was given; false when `deadline` passed first */
  const settled = async (deadline: number): Promise<boolean> => {
    for (;;) {
      const results = await Promise.all([...chains.values()].map((chain) => chain.flush(Math.min(deadline, Date.now() + budgetMs))))
      if (results.every((p) => p.memory + p.spool === 0)) return true
      if (Date.now() >= deadline) return false
    }
  }

  let stopDeadline = Number.POSITIVE_INFINITY
  const deliver = async (entries: StreamEntry[]): Promise<void> => {
    for (const entry of entries) {
      if (entry.raw === undefined) continue
      const masked = maskLineText(entry.raw)
      const line = parseEntry(masked)
      if (line === undefined) {
        counters.malformed++
        malformed.deadLetterAll([{ raw: entry.raw }], 'stream entry is not a JSON object')
        continue
      }
      route(masked, line)
      alerts.observe(line)
    }
    if (!(await settled(stopDeadline))) return
    await group.ack(entries.map((e) => e.id))
    acknowledged += entries.length
  }

  const inFlight = new Set<Promise<void>>()
  const track = (work: Promise<void>): void => {
    const p = work.catch((error: unknown) => report('error', 'a batch of the stream failed; its entries stay pending and are claimed again', { error: String(error) }))
    inFlight.add(p)
    void p.finally(() => inFlight.delete(p))
  }
  let lastClaim = 0
  const loop = async (): Promise<void> => {
    while (!stopping) {
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight)
        continue
      }
      try {
        let entries: StreamEntry[] = []
        if (Date.now() - lastClaim >= claimIdleMs / 2) {
          lastClaim = Date.now()
          entries = await group.claim(claimIdleMs, batchSize)
        }
        if (entries.length === 0) entries = await group.read(batchSize, 500)
        if (entries.length > 0 && !stopping) track(deliver(entries))
      } catch {
        // Redis unreachable: /ready says so; try again shortly
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }

  const stats = async (): Promise<RelayStats> => readRelayStats(redis, settings.stream, settings.group, acknowledged)
  const housekeeping = setInterval(() => {
    void (async () => {
      await trimAcknowledged(redis, settings.stream, settings.group)
      const s = await stats()
      report(s.oldestPendingAgeMs > claimIdleMs * 2 ? 'warn' : 'info', `stream ${settings.stream}: ${s.streamLength} entries, ${s.pending} pending, oldest pending ${Math.round(s.oldestPendingAgeMs / 1000)} s`, {
        event: 'linecast.relay_stats',
        stream: settings.stream,
        group: settings.group,
        ...s,
      })
    })().catch(() => undefined)
  }, o.statsIntervalMs ?? 10_000)
  housekeeping.unref()

  const running = loop()
  let stopped: Promise<void> | undefined
  const stop = (deadline: number): Promise<void> => {
    stopped ??= (async () => {
      stopping = true
      stopDeadline = deadline
      await running
      await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())])
      clearInterval(housekeeping)
      await alerts.close()
      await Promise.all([...chains.values()].map((chain) => chain.shutdown(deadline)))
      await trimAcknowledged(redis, settings.stream, settings.group).catch(() => 0)
      await Promise.all([redis.quit().catch(() => redis.disconnect()), reader.quit().catch(() => reader.disconnect())])
    })()
    return stopped
  }

  return {
    consumer: o.consumer,
    get done() {
      return stopped ?? running
    },
    stop,
    ready: () => redis.status === 'ready',
    stats,
    metrics: async () => metricsText(await stats(), { stream: settings.stream, group: settings.group, consumer: o.consumer }),
  }
}
