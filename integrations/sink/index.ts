/**
 * `linecast/sink`: the contract of a `kind: module` destination. Your module
 * exports `createSink(name, ctx)` returning a `Sink`; linecast's delivery layer
 * gives it batching, retry, timeouts, the disk spool and the counters.
 *
 *   import type { CreateSink, Sink } from 'linecast/sink'
 *   export const createSink: CreateSink = (name, ctx) => ({ name, encode: (line) => line, send: async () => ({ type: 'ok' }) })
 */
import type { Sink, SinkContext } from '../../transports/worker/delivery/types.js'

export type { LogLine, Outcome, SerializedError, Sink, SinkContext, SinkLimits } from '../../transports/worker/delivery/types.js'

/** What a `kind: module` destination's module exports as `createSink`. */
export type CreateSink<Item = unknown> = (name: string, ctx: SinkContext) => Sink<Item> | Promise<Sink<Item>>
