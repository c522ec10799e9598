/**
 * The PostHog destination's settings, as written under `destinations.<name>`
 * in the catalog (`${VAR}` templates already expanded by the worker).
 */
import { z } from 'zod'
import { parseSettings } from '../http/index.js'

export const DEFAULT_POSTHOG_HOST = 'https://us.i.posthog.com'

const eventName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'name a catalog event in snake_case, e.g. user_signed_up')

const aliasSchema = z.object({
  /** the event whose lines also merge an earlier id into the person */
  event: eventName,
  /** line field holding the earlier id (e.g. anonymousId) */
  from: z.string().min(1, 'from names the line field that holds the earlier id, e.g. anonymousId'),
})

export const posthogSettingsSchema = z.object({
  apiKey: z
    .string({ error: 'set apiKey to the project API key, e.g. apiKey: ${POSTHOG_API_KEY}' })
    .trim()
    .min(1, 'apiKey is empty: set POSTHOG_API_KEY (or remove this destination)'),
  host: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/]+/, 'host must be an http(s) URL, e.g. https://eu.i.posthog.com')
    .default(DEFAULT_POSTHOG_HOST),
  /** events that also send `$identify` with their non-PII properties as person properties */
  identify: z.array(eventName).default([]),
  /** events that also alias an earlier id (e.g. the anonymous id) to the person */
  alias: z
    .union([aliasSchema, z.array(aliasSchema)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
  /**
   * `v0`: `POST /batch/` (the API key in the body, one answer for the batch);
   * `v1`: `POST /i/v1/analytics/events` (Bearer key; the 2xx body answers each event: ok, drop or retry)
   */
  captureMode: z.enum(['v0', 'v1'], { error: 'captureMode is v0 (/batch/) or v1 (/i/v1/analytics/events)' }).default('v0'),
  /** largest batch the delivery layer hands this sink (lines; identify/alias ride along) */
  maxItems: z.number().int().positive().max(5000, 'maxItems is at most 5000').default(1000),
  /** per-request budget */
  timeoutMs: z.number().int().positive().default(10_000),
})

const MB = 1_000_000

/**
 * PostHog's capture endpoints take a request body up to 20 MB and discard (with a 200) an event over
 * 1 MB. A line keeps headroom for the properties the encoder adds (source, service, environment …).
 * In flight: measured with bench/sinks.ts (4 beat 1 and 2; 8 adds nothing).
 */
export const POSTHOG_LIMITS = { maxBytes: 20 * MB - 64 * 1024, maxLineBytes: MB - 4096, maxInFlight: 4 } as const
/** retry-only resends inside one send when the v1 endpoint asks to retry some events */
export const V1_RESENDS = 2

export type PosthogSettings = z.output<typeof posthogSettingsSchema>
export type PosthogAlias = z.output<typeof aliasSchema>

export const POSTHOG_SETTING_KEYS: readonly string[] = Object.keys(posthogSettingsSchema.shape)

export function parsePosthogSettings(destination: string, settings: Record<string, unknown>): PosthogSettings {
  return parseSettings(posthogSettingsSchema, settings, destination, 'posthog')
}
