/**
 * Start-up of the worker's destinations: each one on (a delivery chain over
 * its sink) or off with the reason, and one `linecast.destinations` line
 * naming every destination and its state, also when all are off.
 */
import { join } from 'node:path'
import type { CompiledCatalog, Level } from '../../schema/compiled.js'
import { expandSettings } from '../../schema/env.js'
import { DeliveryChain } from './delivery/chain.js'
import { safeFileName, type DeadLetter } from './delivery/dead-letter.js'
import { chainLimits, type ChainOptions } from './delivery/defaults.js'
import { Spool } from './delivery/spool.js'
import type { DeliveryCounters } from './delivery/stats.js'
import type { LogLine, Sink, SinkContext } from './delivery/types.js'
import type { WorkerOptions } from '../options.js'
import { sinkFactory } from './registry.js'

export interface DestinationsDeps {
  catalog: CompiledCatalog
  options: WorkerOptions
  env: NodeJS.ProcessEnv
  spoolRoot: string
  deadLetter: DeadLetter
  counters: DeliveryCounters
  report: (level: Level, msg: string, fields?: Record<string, unknown>) => void
  toLine: (value: Record<string, unknown>) => LogLine
  /** wraps each destination's sink before its chain is built (the relay records per-destination progress there) */
  wrapSink?: (name: string, sink: Sink) => Sink
}

/** The user's options that shape every chain. */
export function chainOptions(o: WorkerOptions): ChainOptions {
  return {
    ...(o.maxInFlight === undefined ? {} : { maxInFlight: o.maxInFlight }),
    ...(o.flushIntervalMs === undefined ? {} : { lingerMs: o.flushIntervalMs }),
    ...(o.spoolAfterMs === undefined ? {} : { spoolAfterMs: o.spoolAfterMs }),
    ...(o.queueMaxBytes === undefined ? {} : { queueMaxBytes: o.queueMaxBytes }),
    ...(o.spoolMaxBytes === undefined ? {} : { spoolMaxBytes: o.spoolMaxBytes }),
    ...(o.whenFull === undefined ? {} : { whenFull: o.whenFull }),
    ...(o.blockMs === undefined ? {} : { blockMs: o.blockMs }),
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
    ...(o.unreachableAfterMs === undefined ? {} : { unreachableAfterMs: o.unreachableAfterMs }),
    ...(o.retry === undefined ? {} : { retry: o.retry }),
  }
}

async function startChain(name: string, kind: CompiledCatalog['destinations'][string]['kind'], settings: Record<string, unknown>, d: DestinationsDeps): Promise<DeliveryChain> {
  const report = (level: Level, msg: string, fields?: Record<string, unknown>): void => d.report(level, msg, { destination: name, ...fields })
  const ctx: SinkContext = { settings, catalog: d.catalog, report }
  const made = await (await sinkFactory(kind))(name, ctx)
  const sink = d.wrapSink === undefined ? made : d.wrapSink(name, made)
  const limits = chainLimits(sink.limits, chainOptions(d.options))
  return new DeliveryChain(limits, {
    sink,
    spool: new Spool(join(d.spoolRoot, safeFileName(name))),
    deadLetter: d.deadLetter,
    stats: d.counters.for(name),
    report,
    toLine: d.toLine,
  })
}

/** Every destination of the catalog on or off; says which, and why, in one line. */
export async function startDestinations(d: DestinationsDeps): Promise<Map<string, DeliveryChain>> {
  const chains = new Map<string, DeliveryChain>()
  const states: Record<string, string> = {}
  for (const [name, spec] of Object.entries(d.catalog.destinations)) {
    if (d.options.destinations !== undefined && !d.options.destinations.includes(name)) {
      d.counters.off[name] = states[name] = 'not in the destinations filter'
      continue
    }
    const { settings, missing } = expandSettings(spec.settings, d.env)
    if (missing.length > 0) {
      d.counters.off[name] = states[name] = `missing ${missing.join(', ')}`
      d.report('info', `destination "${name}" is off: set ${missing.join(', ')} to turn it on`, { event: 'linecast.destination_off', destination: name, missing })
      continue
    }
    try {
      chains.set(name, await startChain(name, spec.kind, settings, d))
      states[name] = 'on'
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      d.counters.off[name] = states[name] = reason
      d.report('error', `destination "${name}" is off: ${reason}`, { event: 'linecast.destination_off', destination: name, reason })
    }
  }
  const names = Object.keys(states)
  const summary = names.length === 0 ? 'the catalog names no destination' : names.map((n) => (states[n] === 'on' ? `${n} on` : `${n} off (${states[n]})`)).join('; ')
  d.report(chains.size === 0 ? 'warn' : 'info', `delivery: ${summary}${chains.size === 0 ? '; no line leaves this process except on stdout' : ''}`, {
    event: 'linecast.destinations',
    destinations: states,
  })
  return chains
}
