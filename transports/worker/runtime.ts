/**
 * What runs inside the transport worker, independent of the thread plumbing:
 * load the catalog, turn destinations on (or off, saying why), route each
 * line into its destinations' pipelines, answer flush and stats requests,
 * write delivery stats periodically and shut down within the budget.
 */
import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import { compileRouter, type CompiledRouter } from '../../router/route.js'
import { levelOf } from '../../router/level.js'
import type { CompiledCatalog, Level } from '../../schema/compiled.js'
import { expandSettings } from '../../schema/env.js'
import { DEFAULT_BATCH } from './delivery/batch.js'
import { DeadLetter, safeFileName } from './delivery/dead-letter.js'
import { DestinationPipeline } from './delivery/pipeline.js'
import { DEFAULT_RETRY } from './delivery/retry.js'
import { listSegments, readSegment, Spool } from './delivery/spool.js'
import { DeliveryCounters, statsLine, type DeliveryStats } from './delivery/stats.js'
import type { LogLine, SinkContext } from './delivery/types.js'
import { startAlerts } from './alerts/hook.js'
import { resolveCatalog } from './catalog-source.js'
import { CONTROL_PREFIX, parseControl } from '../control.js'
import { maskLineText } from '../../core/secrets.js'
import { DEFAULTS, INCOMING_DIR, type WorkerOptions } from '../options.js'
import { sinkFactory } from './registry.js'

export interface RuntimeChannel {
  /** tell the main thread something (thread-stream EVENT) */
  post(name: string, ...args: unknown[]): void
  /** the worker's own output (stdout) */
  write(text: string): void
}

export interface Runtime {
  readonly catalog: CompiledCatalog
  accept(raw: string): void
  flush(): Promise<void>
  stats(): DeliveryStats
  report(level: Level, msg: string, fields?: Record<string, unknown>): void
  shutdown(): Promise<void>
}

/** A parsed pino line with a label level and an eventId (assigned when the line had none). */
function toLogLine(value: Record<string, unknown>): { line: LogLine; changed: boolean } {
  let changed = false
  if (typeof value.level !== 'string') {
    value.level = levelOf(value.level)
    changed = true
  }
  if (typeof value.eventId !== 'string') {
    value.eventId = randomUUID()
    changed = true
  }
  if (typeof value.time === 'number') {
    value.time = new Date(value.time).toISOString()
    changed = true
  }
  return { line: value as LogLine, changed }
}

export async function startRuntime(options: WorkerOptions, channel: RuntimeChannel): Promise<Runtime> {
  const catalog = await resolveCatalog(options)
  const env = { ...process.env, ...options.env }
  const budgetMs = options.budgetMs ?? DEFAULTS.budgetMs
  const spoolRoot = resolve(options.spoolDir ?? DEFAULTS.spoolDir)
  const deadLetter = new DeadLetter(resolve(options.deadLetterDir ?? DEFAULTS.deadLetterDir))
  const counters = new DeliveryCounters()
  const router: CompiledRouter = compileRouter(catalog)
  const pipelines = new Map<string, DestinationPipeline>()
  const diagnostics = options.diagnostics ?? 'both'
  let closing = false

  const report = (level: Level, msg: string, fields: Record<string, unknown> = {}): void => {
    const { event, ...rest } = fields
    const line: LogLine = {
      level,
      time: new Date().toISOString(),
      eventId: randomUUID(),
      service: catalog.service,
      event: typeof event === 'string' ? event : 'linecast.delivery',
      kind: 'metric',
      msg,
      ...rest,
    }
    emitOwn(line)
  }

  const emitOwn = (unmasked: LogLine): void => {
    // a sink's error text may carry a connection string or a token
    const json = JSON.stringify(unmasked)
    const raw = maskLineText(json)
    const line = raw === json ? unmasked : (JSON.parse(raw) as LogLine)
    channel.post('linecast:report', line)
    if (diagnostics === 'stdout' || diagnostics === 'both') channel.write(`${raw}\n`)
    if ((diagnostics === 'route' || diagnostics === 'both') && !closing) routeLine(raw, line)
  }

  const routeLine = (raw: string, line: LogLine): void => {
    for (const name of router(line)) pipelines.get(name)?.accept(raw, line)
  }

  // destinations: on, or off with the reason said once
  for (const [name, spec] of Object.entries(catalog.destinations)) {
    if (options.destinations !== undefined && !options.destinations.includes(name)) {
      counters.off[name] = 'not in the destinations filter'
      continue
    }
    const { settings, missing } = expandSettings(spec.settings, env)
    if (missing.length > 0) {
      counters.off[name] = `missing ${missing.join(', ')}`
      report('info', `destination "${name}" is off: set ${missing.join(', ')} to turn it on`, {
        event: 'linecast.destination_off',
        destination: name,
        missing,
      })
      continue
    }
    const ctx: SinkContext = {
      settings,
      catalog,
      report: (level, msg, fields) => report(level, msg, { destination: name, ...fields }),
    }
    try {
      const sink = await (await sinkFactory(spec.kind))(name, ctx)
      pipelines.set(
        name,
        new DestinationPipeline(
          {
            batch: {
              maxItems: Math.min(sink.limits?.maxItems ?? DEFAULTS.batchMaxItems, DEFAULTS.batchMaxItems),
              maxBytes: Math.min(sink.limits?.maxBytes ?? DEFAULTS.batchMaxBytes, DEFAULTS.batchMaxBytes),
              intervalMs: options.flushIntervalMs ?? DEFAULT_BATCH.intervalMs,
            },
            queueCapacity: options.queueCapacity ?? DEFAULTS.queueCapacity,
            timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
            retry: { ...DEFAULT_RETRY, ...options.retry },
          },
          {
            sink,
            spool: new Spool(join(spoolRoot, safeFileName(name)), options.queueCapacity ?? DEFAULTS.queueCapacity),
            deadLetter,
            stats: counters.for(name),
            report: ctx.report,
            toLine: (value) => toLogLine(value).line,
          },
        ),
      )
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      counters.off[name] = reason
      report('error', `destination "${name}" is off: ${reason}`, { event: 'linecast.destination_off', destination: name, reason })
    }
  }

  /** Lines the main thread spooled when the worker fell behind: routed straight into each destination's spool. */
  const ingest = (path: string): void => {
    const segment = readSegment(path)
    if (segment.torn > 0) counters.for('_incoming').torn += segment.torn
    for (const entry of segment.entries) {
      const { line, changed } = toLogLine(entry.value)
      const raw = maskLineText(changed ? JSON.stringify(line) : entry.raw)
      for (const name of router(line)) pipelines.get(name)?.spoolRaw(raw)
    }
    for (const pipeline of pipelines.values()) pipeline.sync()
    new Spool(join(spoolRoot, INCOMING_DIR)).complete(path)
  }
  for (const path of listSegments(join(spoolRoot, INCOMING_DIR))) ingest(path)

  // alert rules see every accepted line; their alert lines are written and delivered like any line
  const alerts = startAlerts({ catalog, router, settings: options.alerts, env, report, write: (text) => channel.write(text), pipelines })

  const settleAll = async (): Promise<void> => {
    const deadline = Date.now() + budgetMs
    await Promise.all([...pipelines.values()].map((p) => p.settle(deadline)))
  }

  const stats = (): DeliveryStats => {
    for (const [name, pipeline] of pipelines) counters.for(name).queued = pipeline.queued
    return counters.snapshot()
  }

  const statsIntervalMs = options.statsIntervalMs ?? DEFAULTS.statsIntervalMs
  const statsTimer = statsIntervalMs > 0 ? setInterval(() => emitOwn(statsLine(stats(), catalog.service)), statsIntervalMs) : undefined
  statsTimer?.unref()

  const control = (raw: string): void => {
    const message = parseControl(raw)
    if (message === undefined) return malformed(raw, 'unknown control line')
    switch (message.$linecast) {
      case 'flush':
        settleAll().then(
          () => channel.post('linecast:flushed', message.id),
          (error: unknown) => {
            report('error', 'flush failed', { error: String(error) })
            channel.post('linecast:flushed', message.id)
          },
        )
        return
      case 'drain':
        shutdown().then(
          () => channel.post('linecast:flushed', message.id),
          (error: unknown) => {
            report('error', 'drain failed', { error: String(error) })
            channel.post('linecast:flushed', message.id)
          },
        )
        return
      case 'stats':
        channel.post('linecast:stats', message.id, stats())
        return
      case 'ingest':
        ingest(message.path)
        return
    }
  }

  let stopping: Promise<void> | undefined
  /** once: stop the stats timer, deliver within the budget, spool the rest, close the sinks */
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      if (statsTimer !== undefined) clearInterval(statsTimer)
      await alerts.close()
      closing = true
      const deadline = Date.now() + budgetMs
      await Promise.all([...pipelines.values()].map((p) => p.shutdown(deadline)))
    })()
    return stopping
  }

  const malformed = (raw: string, reason: string): void => {
    counters.malformed++
    const stats = counters.for('_malformed')
    if (deadLetter.write('_malformed', [{ raw }], reason)) stats.deadLettered++
    else stats.dropped++
  }

  return {
    catalog,
    report,
    stats,
    accept(raw) {
      if (raw.length === 0) return
      if (raw.startsWith(CONTROL_PREFIX)) return control(raw)
      // every line is masked before any sink sees it, whichever path wrote it
      raw = maskLineText(raw)
      let value: unknown
      try {
        value = JSON.parse(raw)
      } catch (error) {
        return malformed(raw, `not JSON: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return malformed(raw, 'not a JSON object')
      const { line, changed } = toLogLine(value as Record<string, unknown>)
      routeLine(changed ? JSON.stringify(line) : raw, line)
      alerts.observe(line)
    },
    flush: settleAll,
    shutdown,
  }
}
