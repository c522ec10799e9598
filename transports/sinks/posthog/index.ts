/**
 * The PostHog sink: `createSink(name, ctx)` reads the destination's settings,
 * builds an encoder (line -> capture [+ identify] [+ alias]) and a sender
 * (a real posthog-node client per batch), and exposes them as a Sink.
 */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { POSTHOG_SETTING_KEYS, parsePosthogSettings } from './config.js'
import { PosthogEncoder, type PosthogItem } from './encode.js'
import { PosthogSender } from './send.js'

export { DEFAULT_POSTHOG_HOST, parsePosthogSettings, posthogSettingsSchema, type PosthogAlias, type PosthogSettings } from './config.js'
export { DEFAULT_CONTEXT_FIELDS, PosthogEncoder, type PosthogAliasCall, type PosthogCapture, type PosthogIdentify, type PosthogItem } from './encode.js'
export { derivedUuid, lineUuid } from './uuid.js'
export { PosthogSender, classifyPosthogAnswer, type PosthogSenderOptions } from './send.js'

export interface PosthogSinkDeps {
  /** defaults to the global fetch */
  fetch?: typeof globalThis.fetch
}

export function createPosthogSink(name: string, ctx: SinkContext, deps: PosthogSinkDeps = {}): Sink<PosthogItem> {
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
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  })
  return {
    name,
    limits: { maxItems: settings.maxItems },
    encode: (line) => encoder.encode(line),
    send: (batch, signal) => sender.send(batch, signal),
    close: () => sender.close(),
  }
}

export function createSink(name: string, ctx: SinkContext, deps: PosthogSinkDeps = {}): Sink<PosthogItem> {
  return createPosthogSink(name, ctx, deps)
}
