/**
 * The producer's side of stream mode: a sink that appends each line to the
 * Redis Stream (field `l`, the line's text) with pipelined XADDs, one
 * pipeline per batch. It runs in the transport worker's ordinary delivery
 * chain, so batching, several batches in flight, retry, the spool while
 * Redis is unreachable and its replay once Redis is back are the chain's.
 */
import { join } from 'node:path'
import type { Level } from '../../core/level.js'
import { DeliveryChain } from '../worker/delivery/chain.js'
import type { DeadLetter } from '../worker/delivery/dead-letter.js'
import { chainLimits, type ChainOptions } from '../worker/delivery/defaults.js'
import { Spool } from '../worker/delivery/spool.js'
import type { DeliveryCounters } from '../worker/delivery/stats.js'
import type { LogLine, Outcome, Sink } from '../worker/delivery/types.js'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { connectStream, streamSettings, type StreamRedis, type StreamSettings } from './settings.js'

/** The stream entry field holding the line. */
export const LINE_FIELD = 'l'
/** The chain's name in stats and the spool's folder. */
export const STREAM_CHAIN = '_stream'

export function createStreamSink(redis: StreamRedis, key: string): Sink<string> {
  return {
    name: STREAM_CHAIN,
    limits: { maxItems: 1000, maxBytes: 4 * 1024 * 1024, maxInFlight: 4 },
    encode: (line, raw) => raw ?? JSON.stringify(line),
    itemBytes: (item) => item.length,
    async send(batch): Promise<Outcome> {
      if (redis.status !== 'ready') return { type: 'retry', reason: `Redis is ${redis.status}` }
      const pipeline = redis.pipeline()
      for (const raw of batch) pipeline.xadd(key, '*', LINE_FIELD, raw)
      try {
        const results = (await pipeline.exec()) ?? []
        const failed = results.find(([error]) => error !== null)
        // a failed append is retried with its batch: the stream may then hold a line twice, which eventId deduplicates
        if (failed !== undefined || results.length !== batch.length) return { type: 'retry', reason: `XADD failed: ${String(failed?.[0] ?? 'no answer')}` }
        return { type: 'ok' }
      } catch (error) {
        return { type: 'retry', reason: `XADD failed: ${error instanceof Error ? error.message : String(error)}` }
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

export interface StreamModeDeps {
  catalog: CompiledCatalog
  env: Readonly<Record<string, string | undefined>>
  spoolRoot: string
  options: ChainOptions
  deadLetter: DeadLetter
  counters: DeliveryCounters
  report: (level: Level, msg: string, fields?: Record<string, unknown>) => void
  toLine: (value: Record<string, unknown>) => LogLine
}

export interface StreamMode {
  /** the one chain of a producer in stream mode (its spool holds the lines while Redis is unreachable) */
  readonly chains: Map<string, DeliveryChain>
  accept(raw: string, line: LogLine): void
}

/**
 * The transport worker's delivery in stream mode, or undefined for in-process
 * delivery. Settings that cannot work are reported and delivery stays in process.
 */
export function startStreamMode(d: StreamModeDeps): StreamMode | undefined {
  let settings: StreamSettings | undefined
  try {
    settings = streamSettings(d.catalog, d.env)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    queueMicrotask(() => d.report('error', `${reason}; lines are delivered in process instead`, { event: 'linecast.stream_off', reason }))
    return undefined
  }
  if (settings === undefined) return undefined
  const redis = connectStream(settings, `linecast-producer:${d.catalog.service}`)
  // connection errors surface as failed appends: the chain retries, spools and reports the stream unreachable
  redis.on('error', () => undefined)
  const sink = createStreamSink(redis, settings.stream)
  const chain = new DeliveryChain(chainLimits(sink.limits, d.options), {
    sink,
    spool: new Spool(join(d.spoolRoot, STREAM_CHAIN)),
    deadLetter: d.deadLetter,
    stats: d.counters.for(STREAM_CHAIN),
    report: (level, msg, fields) => d.report(level, msg, { destination: STREAM_CHAIN, ...fields }),
    toLine: d.toLine,
  })
  return { chains: new Map([[STREAM_CHAIN, chain]]), accept: (raw, line) => chain.accept(raw, line) }
}
