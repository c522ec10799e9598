/**
 * The Sentry destination's settings, as written under `destinations.<name>`
 * in the catalog (`${VAR}` templates already expanded by the worker).
 */
import { z } from 'zod'
import { expandEnv } from '../../../schema/env.js'
import type { CompiledCatalog } from '../../../schema/compiled.js'
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
  /**
   * line fields sent as tags (a tag value is cut to 200 characters); default: the catalog's
   * context fields, except `userId` and `email`, which go to the event's user
   */
  tags: z.array(z.string().min(1, 'a tags entry is empty: name a line field')).optional(),
  /** largest batch the delivery layer hands this sink (any size is safe: envelopes wait for the transport's window) */
  maxItems: z.number().int().positive().max(1000).default(64),
  /** per-event budget before an unanswered send is treated as a timeout */
  timeoutMs: z.number().int().positive().default(10_000),
})

export type SentrySettings = z.output<typeof sentrySettingsSchema>

/**
 * The SDK transport holds 64 envelopes at once (`DEFAULT_TRANSPORT_BUFFER_SIZE` of @sentry/core):
 * the sink keeps at most that many in flight, across all its batches.
 */
export const SENTRY_WINDOW = 64

/**
 * Sentry rejects an event over 1 MB uncompressed (200 KB compressed); the event carries up to
 * `maxBreadcrumbs` earlier lines besides its own, so a line keeps headroom for them.
 * Two batches of one window each keep the window full while the previous batch finishes.
 */
export const SENTRY_LIMITS = { maxLineBytes: 900_000, maxInFlight: 2 } as const

export interface SentryConfig extends SentrySettings {
  /** settings.release, else SENTRY_RELEASE, else the catalog's release, templates expanded */
  resolvedRelease?: string
  /** settings.environment, else the catalog's environment (expanded); the line's `env` comes in between */
  defaultEnvironment?: string
}

/** Settings keys this sink reads; anything else is reported as unknown. */
export const SENTRY_SETTING_KEYS: readonly string[] = Object.keys(sentrySettingsSchema.shape)

/**
 * The catalog's `release` and `environment` as this process sees them: `${VAR:-default}` templates
 * expanded from `env`; SENTRY_RELEASE wins over the catalog's release. Empty results count as unset.
 */
export function catalogFallbacks(catalog: Pick<CompiledCatalog, 'release' | 'environment'>, env: NodeJS.ProcessEnv): { release?: string; environment?: string } {
  const out: { release?: string; environment?: string } = {}
  const release = env.SENTRY_RELEASE || (catalog.release === undefined ? undefined : expandEnv(catalog.release, env))
  if (release) out.release = release
  const environment = catalog.environment === undefined ? undefined : expandEnv(catalog.environment, env)
  if (environment) out.environment = environment
  return out
}

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
