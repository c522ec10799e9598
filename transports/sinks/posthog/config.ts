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
  /** largest batch the delivery layer hands this sink (lines; identify/alias ride along) */
  maxItems: z.number().int().positive().max(1000, 'maxItems is at most 1000').default(100),
  /** per-request budget */
  timeoutMs: z.number().int().positive().default(10_000),
})

export type PosthogSettings = z.output<typeof posthogSettingsSchema>
export type PosthogAlias = z.output<typeof aliasSchema>

export const POSTHOG_SETTING_KEYS: readonly string[] = Object.keys(posthogSettingsSchema.shape)

export function parsePosthogSettings(destination: string, settings: Record<string, unknown>): PosthogSettings {
  return parseSettings(posthogSettingsSchema, settings, destination, 'posthog')
}
