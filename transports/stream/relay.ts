/**
 * `linecast relay`: reads the stream in the consumer group, routes each line
 * with router/ and delivers it through the same destinations and delivery
 * chains as the in-process transport, and acknowledges (XACK) a batch of
 * entries only once every destination it routes to has taken its lines or
 * dead-lettered them (a flush of every chain that leaves nothing pending).
 * Each destination's answer is recorded in Redis at once (progress.ts), so
 * entries a dead relay left pending, claimed after `claimIdleMs`, go only to
 * the destinations that had not taken them; entries a live relay still
 * delivers are kept from being claimed. Acknowledged entries are trimmed;
 * lag and the claim counts are reported as `linecast.relay_stats`.
 * Alert windows are evaluated here, once per line, in stream mode.
 * `stop()`: no more reads; batches in flight finish and are acknowledged
 * within the deadline; the rest stays pending for the other relays.
 */
import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { Level } from '../../core/level.js'
import type { LogLine } from '../../core/line.js'
import { maskLineText } from '../../core/secrets.js'
import { compileRouter } from '../../router/route.js'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { startAlerts } from '../worker/alerts/hook.js'
import type { DeliveryChain } from '../worker/delivery/chain.js'
import { DeadLetter } from '../worker/delivery/dead-letter.js'
import { Losses } from '../worker/delivery/losses.js'
import { DeliveryCounters } from '../worker/delivery/stats.js'
import { startDestinations } from '../worker/destinations.js'
import { DEFAULTS, type WorkerOptions } from '../options.js'
import { entryEventId } from './entry.js'
import { normalizeLine, parseLineText } from '../line-fields.js'
import { ConsumerGroup, type StreamEntry } from './group.js'
import { Progress } from './progress.js'
import { recordingProgress } from './progress-sink.js'
import { connectStream, whenReady, type StreamSettings } from './settings.js'
import { metricsText, readRelayStats, type RelayCounts, type RelayStats } from './stats.js'
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
  /** what this relay counted, read without Redis (also after it stopped) */
  counts(): RelayCounts
  metrics(): Promise<string>
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
  const counts: RelayCounts = { acknowledged: 0, skipped: 0, resent: 0, unrecorded: 0 }
  const progress = new Progress(redis, settings.stream, settings.group, Object.keys(catalog.destinations))
  /** eventId -> the entries in flight holding that line (one, unless a producer appended it twice) */
  const owners = new Map<string, string[]>()
  /** entries this relay is delivering, or delivered and could not acknowledge yet */
  const held = new Set<string>()
  const unacknowledged = new Set<string>()

  const report = (level: Level, msg: string, fields: Record<string, unknown> = {}): void => {
    const { event, ...rest } = fields
    const line: LogLine = { level, time: new Date().toISOString(), eventId: randomUUID(), service: catalog.service, event: typeof event === 'string' ? event : 'linecast.delivery', kind: 'metric', msg, consumer: o.consumer, ...rest }
    const raw = JSON.stringify(line)
    o.write(`${raw}\n`)
    if (!stopping) for (const name of router(line)) chains.get(name)?.accept(raw, line)
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
  chains = await startDestinations({
    catalog,
    options: { ...worker, spoolDir: spoolRoot },
    env: o.env as NodeJS.ProcessEnv,
    spoolRoot,
    deadLetter,
    counters,
    report,
    toLine: (v) => normalizeLine(v, randomUUID).line,
    wrapSink: (name, sink) =>
      recordingProgress(name, sink, {
        entriesOf: (eventId) => owners.get(eventId),
        sending: (destination, ids) => progress.sending(destination, ids),
        delivered: (destination, ids) => progress.delivered(destination, ids),
      }),
  })
  const alerts = startAlerts({ catalog, router, settings: worker.alerts ?? (settings.cluster ? undefined : { redisUrl: settings.redisUrl }), env: o.env, report, write: o.write, pipelines: chains })

  /** every chain delivered (or dead-lettered) what it was given; false when `deadline` passed first */
  const settled = async (deadline: number): Promise<boolean> => {
    for (;;) {
      const results = await Promise.all([...chains.values()].map((chain) => chain.flush(Math.min(deadline, Date.now() + budgetMs))))
      if (results.every((p) => p.memory + p.spool === 0)) return true
      if (Date.now() >= deadline) return false
    }
  }

  const acknowledge = async (ids: readonly string[]): Promise<void> => {
    try {
      await progress.ack(ids)
      counts.acknowledged += ids.length
      for (const id of ids) {
        unacknowledged.delete(id)
        held.delete(id)
      }
    } catch {
      // Redis unreachable: acknowledged again from the loop, and kept from being claimed meanwhile
      for (const id of ids) unacknowledged.add(id)
    }
  }

  const own = (eventId: string, id: string): void => {
    const ids = owners.get(eventId)
    if (ids === undefined) owners.set(eventId, [id])
    else ids.push(id)
  }
  const disown = (eventId: string, id: string): void => {
    const ids = owners.get(eventId)?.filter((x) => x !== id)
    if (ids === undefined || ids.length === 0) owners.delete(eventId)
    else owners.set(eventId, ids)
  }

  let stopDeadline = Number.POSITIVE_INFINITY
  /** `claimed`: entries another relay read first; destinations that took them are skipped */
  const deliver = async (entries: StreamEntry[], claimed: boolean): Promise<void> => {
    const taken: [eventId: string, id: string][] = []
    for (const entry of entries) held.add(entry.id)
    try {
      const before = claimed ? await progress.lookup(entries.filter((e) => e.raw !== undefined).map((e) => e.id)) : undefined
      for (const entry of entries) {
        if (entry.raw === undefined) continue
        const parsed = parseLineText(maskLineText(entry.raw), () => entryEventId(settings.stream, entry.id))
        if ('error' in parsed) {
          counters.malformed++
          malformed.deadLetterAll([{ raw: entry.raw }], `stream entry is ${parsed.error}`)
          continue
        }
        const { line, raw } = parsed
        own(line.eventId, entry.id)
        taken.push([line.eventId, entry.id])
        const known = before?.get(entry.id)
        for (const name of router(line)) {
          const chain = chains.get(name)
          if (chain === undefined) continue
          if (known?.done.has(name) === true) {
            counts.skipped++
            continue
          }
          if (known?.sent.has(name) === true) counts.resent++
          chain.accept(raw, line)
        }
        // an entry some destination already saw was observed by the relay that sent it
        if (known === undefined || known.sent.size === 0) alerts.observe(line)
      }
      if (!(await settled(stopDeadline))) return
      await acknowledge(entries.map((e) => e.id))
    } finally {
      for (const [eventId, id] of taken) disown(eventId, id)
      for (const entry of entries) if (!unacknowledged.has(entry.id)) held.delete(entry.id)
    }
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
        if (unacknowledged.size > 0) await acknowledge([...unacknowledged])
        let entries: StreamEntry[] = []
        let claimed = false
        if (Date.now() - lastClaim >= claimIdleMs / 2) {
          lastClaim = Date.now()
          // an entry of this relay's own that sat idle too long is still being delivered here: not twice
          entries = (await group.claim(claimIdleMs, batchSize)).filter((e) => !held.has(e.id))
          claimed = entries.length > 0
        }
        if (entries.length === 0) entries = await group.read(batchSize, 500)
        if (entries.length > 0 && !stopping) track(deliver(entries, claimed))
      } catch {
        // Redis unreachable: /ready says so; try again shortly
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }

  // entries in flight stay this relay's: their idle time is reset well before another relay may claim them
  const keeper = setInterval(() => void group.keep([...held]).catch(() => 0), Math.max(50, Math.floor(claimIdleMs / 3)))
  keeper.unref()

  const stats = async (): Promise<RelayStats> => readRelayStats(redis, settings.stream, settings.group, { ...counts, unrecorded: progress.unrecorded })
  const housekeeping = setInterval(() => {
    void (async () => {
      await trimAcknowledged(redis, progress)
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
      if (unacknowledged.size > 0) await acknowledge([...unacknowledged])
      clearInterval(housekeeping)
      clearInterval(keeper)
      await alerts.close()
      await Promise.all([...chains.values()].map((chain) => chain.shutdown(deadline)))
      await trimAcknowledged(redis, progress).catch(() => 0)
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
    counts: () => ({ ...counts, unrecorded: progress.unrecorded }),
    metrics: async () => metricsText(await stats(), { stream: settings.stream, group: settings.group, consumer: o.consumer }),
  }
}
