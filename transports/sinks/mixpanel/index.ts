/** The `mixpanel` sink: analytics and cost lines -> Mixpanel events through the /import API. */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { createHttpTarget } from '../http/client.js'
import { parseSettings } from '../http/settings.js'
import { MIXPANEL_LIMITS, mixpanelRequest, mixpanelSettingsSchema } from './config.js'
import { createMixpanelEncoder } from './encode.js'
import { sendMixpanelBatch } from './send.js'

export { MIXPANEL_LIMITS, mixpanelSettingsSchema, type MixpanelSettings } from './config.js'
export { distinctIdFor, insertIdFor, type MixpanelEvent } from './encode.js'

/** Each item is one event's JSON text, built once at encode time; null: nothing to send for that line. */
export function createSink(name: string, ctx: SinkContext): Sink<string | null> {
  const settings = parseSettings(mixpanelSettingsSchema, ctx.settings, name, 'mixpanel')
  const { url, authorization } = mixpanelRequest(settings)
  const target = createHttpTarget(url, { maxSockets: MIXPANEL_LIMITS.maxInFlight })
  const toEvent = createMixpanelEncoder(name, ctx.catalog)
  return {
    name,
    limits: MIXPANEL_LIMITS,
    encode: (line) => {
      const event = toEvent(line)
      return event === null ? null : JSON.stringify(event)
    },
    itemBytes: (item) => (item === null ? 0 : Buffer.byteLength(item)),
    send: (batch, signal) => sendMixpanelBatch({ target, authorization, gzip: settings.gzip }, batch, signal),
    close: async () => target.close(),
  }
}
