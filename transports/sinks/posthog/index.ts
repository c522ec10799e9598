/**
 * The PostHog sink: `createSink(name, ctx)` reads the destination's settings,
 * builds an encoder (line -> capture [+ identify] [+ alias], written once as
 * the capture endpoint's JSON) and a sender (posts the joined messages itself),
 * and exposes them as a Sink.
 */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { POSTHOG_LIMITS, POSTHOG_SETTING_KEYS, parsePosthogSettings } from './config.js'
import { PosthogEncoder } from './encode.js'
import { PosthogSender } from './send.js'
import { toWire, type PosthogWireItem } from './wire.js'

export { DEFAULT_POSTHOG_HOST, POSTHOG_LIMITS, parsePosthogSettings, posthogSettingsSchema, type PosthogAlias, type PosthogSettings } from './config.js'
export { DEFAULT_CONTEXT_FIELDS, PosthogEncoder, type PosthogAliasCall, type PosthogCapture, type PosthogIdentify, type PosthogItem } from './encode.js'
export { derivedUuid, lineUuid } from './uuid.js'
export { PosthogSender, type PosthogSenderOptions } from './send.js'
export { classifyPosthogAnswer, readV1Results, type V1Results } from './answer.js'
export { toWire, type CaptureMode, type PosthogWireItem } from './wire.js'

export function createSink(name: string, ctx: SinkContext): Sink<PosthogWireItem> {
  const settings = parsePosthogSettings(name, ctx.settings)
  const unknown = Object.keys(ctx.settings).filter((key) => !POSTHOG_SETTING_KEYS.includes(key))
  if (unknown.length > 0) {
    ctx.report('warn', `destination "${name}" (posthog) ignores unknown settings: ${unknown.join(', ')}`, { destination: name, unknown })
  }
  const encoder = new PosthogEncoder(settings, ctx.catalog, name)
  const sender = new PosthogSender({
    apiKey: settings.apiKey,
    host: settings.host,
    timeoutMs: settings.timeoutMs,
    captureMode: settings.captureMode,
    maxSockets: POSTHOG_LIMITS.maxInFlight,
  })
  return {
    name,
    limits: { ...POSTHOG_LIMITS, maxItems: settings.maxItems },
    encode: (line) => toWire(encoder.encode(line), settings.captureMode),
    itemBytes: (item) => Buffer.byteLength(item.json) + 1,
    send: (batch, signal) => sender.send(batch, signal),
    close: () => sender.close(),
  }
}
