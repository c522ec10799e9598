/**
 * The catalog's feature flags, evaluated by PostHog when POSTHOG_API_KEY is
 * set. Without a key there is nothing to ask: every flag answers its catalog
 * default at once, through the same typed methods, with no network call.
 */
import { createFlags, type FlagLogger, type Flags } from 'linecast/flags'
import { catalog, type LinecastFlags } from '../../generated/events.js'

export type BrandFlags = Flags<LinecastFlags>

export interface FlagSettings {
  /** PostHog project API key; unset or empty: the catalog defaults */
  apiKey?: string | undefined
  /** default https://us.i.posthog.com */
  host?: string | undefined
  logger: FlagLogger
}

/** Every flag answers its catalog default; `ready` and `shutdown` have nothing to wait for. */
function catalogDefaults(): BrandFlags {
  const methods: Record<string, unknown> = {
    ready: () => Promise.resolve(true),
    shutdown: () => Promise.resolve(),
  }
  for (const spec of Object.values(catalog.compiled.flags)) methods[spec.helper] = () => Promise.resolve(spec.default)
  // one method per flag of the catalog, as createFlags builds them
  return methods as unknown as BrandFlags
}

export function serviceFlags(settings: FlagSettings): BrandFlags {
  const apiKey = settings.apiKey ?? ''
  if (apiKey === '') return catalogDefaults()
  return createFlags<LinecastFlags>(catalog, { apiKey, host: settings.host || 'https://us.i.posthog.com', logger: settings.logger })
}
