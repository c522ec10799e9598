/** The `mixpanel` sink: analytics and cost lines -> Mixpanel events through the /import API. */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import type { Fetch } from '../http/post.js'
import { parseSettings } from '../http/settings.js'
import { MIXPANEL_LIMITS, mixpanelSettingsSchema } from './config.js'
import { createMixpanelEncoder, type MixpanelEvent } from './encode.js'
import { sendMixpanelBatch } from './send.js'

export { mixpanelSettingsSchema, type MixpanelSettings } from './config.js'
export { distinctIdFor, insertIdFor, type MixpanelEvent } from './encode.js'

export interface MixpanelDeps {
  fetch?: Fetch
}

export function createSink(name: string, ctx: SinkContext, deps: MixpanelDeps = {}): Sink<MixpanelEvent | null> {
  const settings = parseSettings(mixpanelSettingsSchema, ctx.settings, name, 'mixpanel')
  return {
    name,
    limits: MIXPANEL_LIMITS,
    encode: createMixpanelEncoder(name, ctx.catalog),
    send: (batch, signal) => sendMixpanelBatch(settings, batch, signal, deps.fetch),
  }
}
