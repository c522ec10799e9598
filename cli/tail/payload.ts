/**
 * `linecast tail --dest NAME`: what that destination would receive for a line,
 * built with the destination's own encoder (transports/<kind>/encode.ts).
 * Secrets need not be set: a `${VAR}` that is unset is replaced by a stand-in,
 * since nothing is sent. Kinds without an encoder show the line itself.
 */
import { randomUUID } from 'node:crypto'
import type { CompiledCatalog, DestinationSpec, Level } from '../../schema/compiled.js'
import { expandSettings } from '../../schema/env.js'
import { createEncoder as createAuditEncoder } from '../../transports/sinks/audit-log/encode.js'
import { createBetterstackEncoder } from '../../transports/sinks/betterstack/encode.js'
import type { LogLine } from '../../core/line.js'
import { createMixpanelEncoder } from '../../transports/sinks/mixpanel/encode.js'
import { parsePosthogSettings } from '../../transports/sinks/posthog/config.js'
import { PosthogEncoder } from '../../transports/sinks/posthog/encode.js'
import { parseSentrySettings } from '../../transports/sinks/sentry/config.js'
import { SentryEncoder } from '../../transports/sinks/sentry/encode.js'
import { slackSettingsSchema } from '../../transports/sinks/slack/config.js'
import { createSlackEncoder } from '../../transports/sinks/slack/encode.js'

export type Encode = (line: LogLine) => unknown

interface EncoderInput {
  name: string
  spec: DestinationSpec
  settings: Record<string, unknown>
  catalog: CompiledCatalog
}

/** Stand-ins for required secrets, used only when the real value is not set. */
const STAND_INS: Partial<Record<DestinationSpec['kind'], Record<string, unknown>>> = {
  sentry: { dsn: 'https://preview@sentry.invalid/0' },
  posthog: { apiKey: 'preview' },
  slack: { webhookUrl: 'https://hooks.slack.invalid/preview' },
}

const ENCODERS: Partial<Record<DestinationSpec['kind'], (input: EncoderInput) => Encode>> = {
  audit_log: ({ catalog }) => createAuditEncoder(catalog),
  betterstack: ({ spec }) => createBetterstackEncoder(spec.level ?? 'trace'),
  mixpanel: ({ name, catalog }) => createMixpanelEncoder(name, catalog),
  posthog: ({ name, settings, catalog }) => {
    const encoder = new PosthogEncoder(parsePosthogSettings(name, settings), catalog, name)
    return (line) => encoder.encode(line)
  },
  sentry: ({ name, settings, catalog }) => {
    const fallbacks: { release?: string; environment?: string } = {}
    if (catalog.release !== undefined) fallbacks.release = catalog.release
    if (catalog.environment !== undefined) fallbacks.environment = catalog.environment
    const encoder = new SentryEncoder(parseSentrySettings(name, settings, fallbacks), catalog)
    return (line) => encoder.encode(line)
  },
  slack: ({ catalog, settings }) => {
    const parsed = slackSettingsSchema.parse(settings)
    return createSlackEncoder(parsed, catalog, () => Date.now())
  },
}

export interface PayloadEncoder {
  encode: Encode
  /** why the line itself is shown instead of an encoded payload; absent when the encoder is used */
  fallback?: string
}

export function createPayloadEncoder(
  catalog: CompiledCatalog,
  destination: string,
  env: NodeJS.ProcessEnv,
): PayloadEncoder {
  const spec = catalog.destinations[destination]
  const identity: Encode = (line) => line
  if (spec === undefined) return { encode: identity, fallback: `${destination} is not a destination of the catalog` }
  const build = ENCODERS[spec.kind]
  if (build === undefined) return { encode: identity, fallback: `${spec.kind} has no encoder; the line is what it gets` }
  const { settings } = expandSettings(spec.settings, env)
  try {
    return { encode: build({ name: destination, spec, settings: { ...STAND_INS[spec.kind], ...settings }, catalog }) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { encode: identity, fallback: `cannot build the ${spec.kind} encoder (${reason}); showing the line` }
  }
}

/**
 * A parsed record as the LogLine the router and encoders take: the level by
 * name, the time as ISO 8601, and an eventId (a fresh one for lines of other
 * pino loggers, which have none).
 */
export function asLogLine(record: Record<string, unknown>, level: Level | undefined): LogLine {
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString() : record.time
  const eventId = typeof record.eventId === 'string' && record.eventId !== '' ? record.eventId : randomUUID()
  return { ...record, level: level ?? 'info', time, eventId } as LogLine
}
