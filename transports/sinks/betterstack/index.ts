/** The `betterstack` sink: line -> Better Stack Logs over HTTP ingestion. */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { createHttpTarget } from '../http/client.js'
import { parseSettings } from '../http/settings.js'
import { BETTERSTACK_LIMITS, betterstackSettingsSchema } from './config.js'
import { createBetterstackEncoder, type BetterstackRecord } from './encode.js'
import { sendBetterstackBatch } from './send.js'

export { BETTERSTACK_LIMITS, betterstackSettingsSchema, type BetterstackSettings } from './config.js'
export type { BetterstackRecord } from './encode.js'

export function createSink(name: string, ctx: SinkContext): Sink<BetterstackRecord | null> {
  const settings = parseSettings(betterstackSettingsSchema, ctx.settings, name, 'betterstack')
  const target = createHttpTarget(settings.url, { maxSockets: BETTERSTACK_LIMITS.maxInFlight })
  const encode = createBetterstackEncoder(settings.level)
  return {
    name,
    limits: BETTERSTACK_LIMITS,
    encode,
    encodeText: encode,
    itemBytes: (record) => (record === null ? 0 : Buffer.byteLength(record)),
    send: (batch, signal) => sendBetterstackBatch(settings, target, batch, signal),
    close: async () => target.close(),
  }
}
