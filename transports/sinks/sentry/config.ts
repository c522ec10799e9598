/**
 * The Sentry destination's settings, as written under `destinations.<name>`
 * in the catalog (`${VAR}` templates already expanded by the worker).
 */
import { z } from 'zod'
import { parseSettings } from '../http/index.js'

/** Errors Sentry itself would ignore by default in this project: connection noise, not bugs. */
export const DEFAULT_IGNORE_ERRORS: readonly string[] = ['ECONNRESET', 'EPIPE', 'socket hang up']

/** `https://<public key>@<host>[:port]/<project id>` */
const DSN = /^(https?):\/\/([^:@/]+)(?::[^@/]*)?@([^/]+)\/(?:.*\/)?(\d+)\/?$/

export const sentrySettingsSchema = z.object({
  dsn: z
    .string({ error: 'set dsn to the project DSN, e.g. dsn: ${SENTRY_DSN}' })
    .trim()
    .min(1, 'dsn is empty: set SENTRY_DSN (or remove this destination)')
    .regex(DSN, 'dsn must look like https://<public key>@<host>/<project id> (copy it from Sentry: Project Settings > Client Keys)'),
  /** overrides the line's `env` */
  environment: z.string().trim().min(1, 'environment is empty: remove it or name the environment').optional(),
  /** overrides SENTRY_RELEASE */
  release: z.string().trim().min(1, 'release is empty: remove it or name the release').optional(),
  /** substrings of an error's message, code or type that are never sent (counted as delivered) */
  ignoreErrors: z.array(z.string().min(1, 'an ignoreErrors entry is empty')).default([...DEFAULT_IGNORE_ERRORS]),
  /** how many of the latest warn lines ride along with the next event as breadcrumbs */
  maxBreadcrumbs: z.number().int().min(0).max(100, 'maxBreadcrumbs is at most 100').default(50),
  /** largest batch the delivery layer hands this sink */
  maxItems: z.number().int().positive().max(1000).default(50),
  /** per-event budget before an unanswered send is treated as a timeout */
  timeoutMs: z.number().int().positive().default(10_000),
})

export type SentrySettings = z.output<typeof sentrySettingsSchema>

export interface SentryConfig extends SentrySettings {
  /** settings.release, else SENTRY_RELEASE, else the catalog's release */
  resolvedRelease?: string
  /** settings.environment, else the catalog's environment; the line's `env` comes in between */
  defaultEnvironment?: string
}

/** Settings keys this sink reads; anything else is reported as unknown. */
export const SENTRY_SETTING_KEYS: readonly string[] = Object.keys(sentrySettingsSchema.shape)

export function parseSentrySettings(
  destination: string,
  settings: Record<string, unknown>,
  fallbacks: { release?: string; environment?: string } = {},
): SentryConfig {
  const parsed = parseSettings(sentrySettingsSchema, settings, destination, 'sentry')
  const config: SentryConfig = { ...parsed }
  const release = parsed.release ?? fallbacks.release
  if (release) config.resolvedRelease = release
  if (fallbacks.environment) config.defaultEnvironment = fallbacks.environment
  return config
}
