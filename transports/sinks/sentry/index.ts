/**
 * The Sentry sink: `createSink(name, ctx)` reads the destination's settings,
 * builds an encoder (line -> event, check-in, breadcrumb or skip) and a sender (a real
 * `NodeClient`), and exposes them as the delivery layer's Sink.
 */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { sendSentryBatch } from './batch.js'
import { SENTRY_LIMITS, SENTRY_SETTING_KEYS, SENTRY_WINDOW, catalogFallbacks, parseSentrySettings, type SentryConfig } from './config.js'
import { SentryEncoder, type SentryItem } from './encode.js'
import { SentrySender } from './send.js'

export { DEFAULT_IGNORE_ERRORS, SENTRY_LIMITS, SENTRY_WINDOW, catalogFallbacks, parseSentrySettings, sentrySettingsSchema, type SentryConfig, type SentrySettings } from './config.js'
export { SentryEncoder, isAlertLine, sentryEventId, type SentryItem } from './encode.js'
export { checkInFromLine, isCronLine, type CheckInStatus, type SerializedCheckIn } from './check-in.js'
export { SentrySender, classifyEnvelopeResult } from './send.js'
export { worstOutcome } from './combine.js'
export { parseSentryRateLimits, type SentryCategory } from './rate-limits.js'
export { EnvelopeWindow } from './window.js'

export interface SentrySinkDeps {
  /** environment for SENTRY_RELEASE and the catalog's `${VAR}` templates; defaults to process.env */
  env?: NodeJS.ProcessEnv
}

export function createSink(name: string, ctx: SinkContext, deps: SentrySinkDeps = {}): Sink<SentryItem> {
  const fallbacks = catalogFallbacks(ctx.catalog, deps.env ?? process.env)
  const config: SentryConfig = parseSentrySettings(name, ctx.settings, fallbacks)
  const unknown = Object.keys(ctx.settings).filter((key) => !SENTRY_SETTING_KEYS.includes(key))
  if (unknown.length > 0) {
    ctx.report('warn', `destination "${name}" (sentry) ignores unknown settings: ${unknown.join(', ')}`, { destination: name, unknown })
  }
  const encoder = new SentryEncoder(config, ctx.catalog)
  const environment = config.environment ?? config.defaultEnvironment
  const sender = new SentrySender({
    dsn: config.dsn,
    timeoutMs: config.timeoutMs,
    window: SENTRY_WINDOW,
    ...(environment ? { environment } : {}),
    ...(config.resolvedRelease ? { release: config.resolvedRelease } : {}),
  })
  return {
    name,
    limits: { ...SENTRY_LIMITS, maxItems: config.maxItems },
    encode: (line) => encoder.encode(line),
    send: (batch, signal) => sendSentryBatch(sender, batch, signal),
    close: () => sender.close(),
  }
}
