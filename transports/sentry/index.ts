/**
 * The Sentry sink: `createSink(name, ctx)` reads the destination's settings,
 * builds an encoder (line -> event, breadcrumb or skip) and a sender (a real
 * `NodeClient`), and exposes them as the delivery layer's Sink.
 */
import type { Outcome, Sink, SinkContext } from '../delivery/types.js'
import { worstOutcome } from './combine.js'
import { SENTRY_SETTING_KEYS, parseSentrySettings, type SentryConfig } from './config.js'
import { SentryEncoder, type SentryItem } from './encode.js'
import { SentrySender } from './send.js'

export { DEFAULT_IGNORE_ERRORS, parseSentrySettings, sentrySettingsSchema, type SentryConfig, type SentrySettings } from './config.js'
export { SentryEncoder, isAlertLine, sentryEventId, type SentryItem } from './encode.js'
export { SentrySender, classifyEnvelopeResult } from './send.js'
export { worstOutcome } from './combine.js'
export { parseSentryRateLimits } from './rate-limits.js'

export interface SentrySinkDeps {
  /** environment for SENTRY_RELEASE; defaults to process.env */
  env?: NodeJS.ProcessEnv
}

export function createSentrySink(name: string, ctx: SinkContext, deps: SentrySinkDeps = {}): Sink<SentryItem> {
  const env = deps.env ?? process.env
  const fallbacks: { release?: string; environment?: string } = {}
  const release = env.SENTRY_RELEASE || ctx.catalog.release
  if (release) fallbacks.release = release
  if (ctx.catalog.environment) fallbacks.environment = ctx.catalog.environment
  const config: SentryConfig = parseSentrySettings(name, ctx.settings, fallbacks)
  const unknown = Object.keys(ctx.settings).filter((key) => !SENTRY_SETTING_KEYS.includes(key))
  if (unknown.length > 0) {
    ctx.report('warn', `destination "${name}" (sentry) ignores unknown settings: ${unknown.join(', ')}`, { destination: name, unknown })
  }
  const encoder = new SentryEncoder(config, ctx.catalog)
  const sender = new SentrySender({ dsn: config.dsn, timeoutMs: config.timeoutMs })
  return {
    name,
    limits: { maxItems: config.maxItems },
    encode: (line) => encoder.encode(line),
    async send(batch, signal): Promise<Outcome> {
      const outcomes = await Promise.all(
        batch.map((item) => (item.type === 'event' ? sender.sendEvent(item.event, signal) : Promise.resolve<Outcome>({ type: 'ok' }))),
      )
      return worstOutcome(outcomes)
    },
    close: () => sender.close(),
  }
}

export function createSink(name: string, ctx: SinkContext, deps: SentrySinkDeps = {}): Sink<SentryItem> {
  return createSentrySink(name, ctx, deps)
}
