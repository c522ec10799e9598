/** The `betterstack` sink: line -> Better Stack Logs over HTTP ingestion. */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import type { Fetch } from '../http/post.js'
import { parseSettings } from '../http/settings.js'
import { BETTERSTACK_LIMITS, betterstackSettingsSchema } from './config.js'
import { createBetterstackEncoder, type BetterstackRecord } from './encode.js'
import { sendBetterstackBatch } from './send.js'

export { betterstackSettingsSchema, type BetterstackSettings } from './config.js'
export type { BetterstackRecord } from './encode.js'

export interface BetterstackDeps {
  fetch?: Fetch
}

export function createSink(name: string, ctx: SinkContext, deps: BetterstackDeps = {}): Sink<BetterstackRecord | null> {
  const settings = parseSettings(betterstackSettingsSchema, ctx.settings, name, 'betterstack')
  return {
    name,
    limits: BETTERSTACK_LIMITS,
    encode: createBetterstackEncoder(settings.level),
    send: (batch, signal) => sendBetterstackBatch(settings, batch, signal, deps.fetch),
  }
}
