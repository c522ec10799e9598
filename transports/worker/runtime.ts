/**
 * What runs inside the transport worker, independent of the thread plumbing:
 * load the catalog, turn destinations on (or off, saying why), mask and
 * route each line into its destinations' delivery chains, answer flush and
 * stats requests, write delivery stats periodically and shut down by the
 * deadline the main thread set.
 */
import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import { maskLineText } from '../../core/secrets.js'
import { compileRouter, type CompiledRouter } from '../../router/route.js'
import { normalizeLine, parseLineText, type ParsedLine } from '../line-fields.js'
import type { CompiledCatalog, Level } from '../../schema/compiled.js'
import type { DeliveryChain } from './delivery/chain.js'
import { DeadLetter } from './delivery/dead-letter.js'
import { Losses } from './delivery/losses.js'
import { readSegment, Spool } from './delivery/spool.js'
import { DeliveryCounters, statsLine, type DeliveryStats } from './delivery/stats.js'
import type { LogLine } from './delivery/types.js'
import { startAlerts } from './alerts/hook.js'
import { resolveCatalog } from './catalog-source.js'
import { chainOptions, startDestinations } from './destinations.js'
import { startStreamMode } from '../stream/writer.js'
import { isControlLine, parseControl, type FlushResult } from '../control.js'
import { DEFAULTS, INCOMING_DIR, type WorkerOptions } from '../options.js'

export interface RuntimeChannel {
  /** tell the main thread something (thread-stream EVENT) */
  post(name: string, ...args: unknown[]): void
  /** the worker's own output (stdout; stderr when stdout fails) */
  write(text: string): void
  /** the local copy of the lines read, when the worker writes it (`copyToStdout`) */
  copy?(text: string): void
}

export interface Runtime {
  readonly catalog: CompiledCatalog
  accept(raw: string): void
  /** resolves once no healthy destination's queue is nearly full (backpressure instead of the disk); undefined when none is */
  room(): Promise<void> | undefined
  /** deliver what was accepted before, by `deadline` (default: now + budget) */
  flush(deadline?: number): Promise<FlushResult>
  stats(): DeliveryStats
  report(level: Level, msg: string, fields?: Record<string, unknown>): void
  shutdown(deadline?: number): Promise<FlushResult>
}

/** A parsed pino line with a label level, an ISO time and an eventId (assigned when the line had none). */
const toLogLine = (value: Record<string, unknown>): LogLine => normalizeLine(value, randomUUID).line

/** Parses one raw line (secrets masked first): the line and the text each destination gets. */
const parseLine = (text: string): ParsedLine => parseLineText(maskLineText(text), randomUUID)

export async function startRuntime(options: WorkerOptions, channel: RuntimeChannel): Promise<Runtime> {
  const catalog = await resolveCatalog(options)
  const env = { ...process.env, ...options.env }
  // unset NODE_ENV is production, as for the logger (emitters/mode.ts)
  const environment = options.environment ?? env.NODE_ENV ?? 'production'
  const budgetMs = options.budgetMs ?? DEFAULTS.budgetMs
  const spoolRoot = resolve(options.spoolDir ?? DEFAULTS.spoolDir)
  const deadLetter = new DeadLetter(resolve(options.deadLetterDir ?? DEFAULTS.deadLetterDir))
  const counters = new DeliveryCounters()
  const router: CompiledRouter = compileRouter(catalog)
  const diagnostics = options.diagnostics ?? 'both'
  let chains = new Map<string, DeliveryChain>()
  let closing = false

  const report = (level: Level, msg: string, fields: Record<string, unknown> = {}): void => {
    const { event, ...rest } = fields
    emitOwn({
      level,
      time: new Date().toISOString(),
      eventId: randomUUID(),
      service: catalog.service,
      env: environment,
      event: typeof event === 'string' ? event : 'linecast.delivery',
      kind: 'metric',
      msg,
      ...rest,
    })
  }

  const emitOwn = (line: LogLine): void => {
    const raw = JSON.stringify(line)
    channel.post('linecast:report', line)
    if (diagnostics === 'stdout' || diagnostics === 'both') channel.write(`${raw}\n`)
    if ((diagnostics === 'route' || diagnostics === 'both') && !closing) routeLine(raw, line)
  }

  // stream mode: every line goes to the Redis Stream; relays route, deliver and evaluate alerts
  const stream = startStreamMode({ catalog, env, spoolRoot, deadLetter, counters, report, options: chainOptions(options), toLine: toLogLine })
  const routeLine = (raw: string, line: LogLine): void => {
    if (stream !== undefined) return stream.accept(raw, line)
    for (const name of router(line)) chains.get(name)?.accept(raw, line)
  }

  const malformedLosses = new Losses('_malformed', counters.for('_malformed'), deadLetter, report)
  const malformed = (raw: string, reason: string): void => {
    counters.malformed++
    malformedLosses.deadLetterAll([{ raw }], reason)
  }

  const accept = (text: string): void => {
    const parsed = parseLine(text)
    if ('error' in parsed) return malformed(text, parsed.error)
    routeLine(parsed.raw, parsed.line)
    alerts.observe(parsed.line)
  }

  chains = stream !== undefined ? stream.chains : await startDestinations({ catalog, options, env, spoolRoot, deadLetter, counters, report, toLine: toLogLine })
  // alert rules see every accepted line; their alert lines are written and delivered like any line
  const alerts = startAlerts({ catalog, router, settings: stream !== undefined ? false : options.alerts, env, report, write: (text) => channel.write(text), pipelines: chains })

  /** A sealed segment of the main thread's overflow: its lines are routed like fresh ones, then it is deleted. */
  const ingest = (path: string): void => {
    const segment = readSegment(path)
    if (segment.torn > 0) counters.for('_incoming').torn += segment.torn
    if (channel.copy !== undefined && segment.entries.length > 0) channel.copy(`${segment.entries.map((e) => e.raw).join('\n')}\n`)
    for (const entry of segment.entries) accept(entry.raw)
    new Spool(join(spoolRoot, INCOMING_DIR)).complete(path)
  }
  const incoming = new Spool(join(spoolRoot, INCOMING_DIR))
  for (let seg = incoming.takeNext(); seg !== undefined; seg = incoming.takeNext()) ingest(seg.path)


  const each = async (run: (chain: DeliveryChain) => Promise<FlushResult[string]>): Promise<FlushResult> => {
    const names = [...chains.keys()]
    const pending = await Promise.all([...chains.values()].map(run))
    const result: FlushResult = {}
    names.forEach((name, i) => (result[name] = pending[i] as FlushResult[string]))
    return result
  }

  /** Says, at error level, what a flush or shutdown left undelivered and where it is. */
  const tellPending = (what: string, result: FlushResult): void => {
    for (const [destination, p] of Object.entries(result)) {
      if (p.memory + p.spool === 0) continue
      report('error', `${what} left ${p.spool} line(s) for "${destination}" in the spool and ${p.memory} in memory; they are delivered when it takes lines again`, {
        destination,
        inSpool: p.spool,
        inMemory: p.memory,
        where: p.spoolDir,
        action: 'check the destination; the spool is replayed on the next start',
      })
    }
  }

  const flush = async (deadline = Date.now() + budgetMs): Promise<FlushResult> => {
    const result = await each((chain) => chain.flush(deadline))
    tellPending('flush', result)
    return result
  }

  const stats = (): DeliveryStats => {
    for (const [name, chain] of chains) {
      const p = chain.pending()
      counters.for(name).queued = p.memory
      counters.for(name).inSpool = p.spool
    }
    return { ...counters.snapshot(), workerHeapBytes: process.memoryUsage().heapUsed }
  }

  const statsIntervalMs = options.statsIntervalMs ?? DEFAULTS.statsIntervalMs
  const statsTimer = statsIntervalMs > 0 ? setInterval(() => emitOwn({ ...statsLine(stats(), catalog.service), env: environment }), statsIntervalMs) : undefined
  statsTimer?.unref()

  let stopping: Promise<FlushResult> | undefined
  /** once: stop the stats timer, deliver by the deadline, spool the rest, close the sinks */
  const shutdown = (deadline = Date.now() + budgetMs): Promise<FlushResult> => {
    stopping ??= (async () => {
      if (statsTimer !== undefined) clearInterval(statsTimer)
      await alerts.close()
      closing = true
      const result = await each((chain) => chain.shutdown(deadline))
      tellPending('shutdown', result)
      return result
    })()
    return stopping
  }

  const answer = (id: number, work: Promise<FlushResult>, what: string): void => {
    work.then(
      (result) => channel.post('linecast:flushed', id, result),
      (error: unknown) => {
        report('error', `${what} failed`, { error: String(error) })
        channel.post('linecast:flushed', id, {})
      },
    )
  }

  const control = (raw: string): void => {
    const message = parseControl(raw)
    if (message === undefined) return malformed(raw, 'unknown control line')
    switch (message.$linecast) {
      case 'flush':
        return answer(message.id, flush(message.deadline), 'flush')
      case 'shutdown':
        return answer(message.id, shutdown(message.deadline), 'shutdown')
      case 'stats':
        return channel.post('linecast:stats', message.id, stats())
      case 'ingest':
        return ingest(message.path)
    }
  }

  const full = (): boolean => {
    for (const chain of chains.values()) if (chain.needsRoom) return true
    return false
  }
  const room = (): Promise<void> | undefined => {
    if (!full()) return undefined
    return new Promise((resolve) => {
      const check = (): void => void (full() ? setTimeout(check, 5) : resolve())
      setTimeout(check, 5)
    })
  }

  return {
    catalog,
    report,
    stats,
    room,
    accept(raw) {
      if (raw.length === 0) return
      if (isControlLine(raw)) return control(raw)
      accept(raw)
    },
    flush,
    shutdown,
  }
}
