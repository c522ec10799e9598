/**
 * Feature flags from the catalog's `flags:` section, evaluated by posthog-node:
 * one typed method per flag (`createFlags<LinecastFlags>(catalog, options)`).
 * With a `personalApiKey` the client polls the flag definitions and evaluates
 * locally; without one each call asks PostHog's /flags endpoint. When PostHog
 * cannot answer (unreachable, an error, a flag it does not know) the method
 * returns the catalog default and a warning line is written once per flag.
 * posthog-node itself captures the `$feature_flag_called` exposure events.
 */
import { requirePeer } from '../../core/peer.js'
import type { CompiledCatalog, FlagSpec } from '../../schema/compiled.js'
import { FlagsOptionsError } from './errors.js'
import { resolveFlag, type FlagResultLike } from './resolve.js'
import type { FlagCallOptions, FlagLogger, Flags, FlagValue } from './types.js'

/** What the flags use of a posthog-node `PostHog` client (one fits as it is). */
export interface PostHogFlagsClient {
  on(event: 'error', listener: (error: unknown) => void): unknown
  getFeatureFlagResult(
    key: string,
    distinctId: string,
    options?: {
      personProperties?: Record<string, string | number | boolean>
      groups?: Record<string, string>
      groupProperties?: Record<string, Record<string, string | number | boolean>>
      sendFeatureFlagEvents?: boolean
    },
  ): Promise<FlagResultLike | undefined>
  waitForLocalEvaluationReady(timeoutMs?: number): Promise<boolean>
  shutdown(timeoutMs?: number): Promise<void>
}

interface PostHogModule {
  PostHog: new (apiKey: string, options: Record<string, unknown>) => PostHogFlagsClient
}

export interface CreateFlagsOptions {
  /** PostHog project API key */
  apiKey: string
  /** PostHog host, e.g. https://us.i.posthog.com */
  host: string
  /** turns on local evaluation: the client polls the flag definitions */
  personalApiKey?: string
  /** where the fallback warnings go */
  logger?: FlagLogger
  /** capture `$feature_flag_called` on first evaluation per user and value; default true */
  sendFeatureFlagEvents?: boolean
  /** how often local evaluation reloads the definitions (ms); default 30000 */
  pollingIntervalMs?: number
  /** deadline of one /flags request (ms); default 3000 */
  requestTimeoutMs?: number
  /** a client built elsewhere (its own options then apply); it is shut down with the flags */
  client?: PostHogFlagsClient
}

export const FLAG_FALLBACK_EVENT = 'linecast.flag_fallback'

const RESERVED = new Set(['ready', 'shutdown'])

function buildClient(options: CreateFlagsOptions): PostHogFlagsClient {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') throw new FlagsOptionsError('`apiKey` is required: pass the PostHog project API key')
  if (typeof options.host !== 'string' || !/^https?:\/\//.test(options.host)) throw new FlagsOptionsError(`\`host\` must be an http(s) URL such as https://us.i.posthog.com, got ${JSON.stringify(options.host)}`)
  const { PostHog } = requirePeer<PostHogModule>('posthog-node', 'createFlags (linecast/flags)')
  return new PostHog(options.apiKey, {
    host: options.host,
    ...(options.personalApiKey ? { personalApiKey: options.personalApiKey } : {}),
    featureFlagsPollingInterval: options.pollingIntervalMs ?? 30_000,
    featureFlagsRequestTimeoutMs: options.requestTimeoutMs ?? 3000,
    sendFeatureFlagEvent: options.sendFeatureFlagEvents ?? true,
  })
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * `F` is the generated `LinecastFlags`; without it every flag method
 * resolves to `boolean | string`.
 */
export function createFlags<F extends object = Record<string, FlagValue>>(
  catalog: { readonly compiled: CompiledCatalog },
  options: CreateFlagsOptions,
): Flags<F> {
  const specs = Object.values(catalog.compiled.flags)
  for (const spec of specs) {
    if (RESERVED.has(spec.helper)) throw new FlagsOptionsError(`flag "${spec.name}" has the helper name "${spec.helper}", which the flag client uses; rename the flag`)
  }
  const client = options.client ?? buildClient(options)
  let lastError: string | undefined
  client.on('error', (error: unknown) => void (lastError = describeError(error)))
  const warned = new Set<string>()

  const fallback = (spec: FlagSpec, reason: string, extra: Record<string, unknown> = {}): FlagValue => {
    if (!warned.has(spec.name)) {
      warned.add(spec.name)
      options.logger?.warn(
        { event: FLAG_FALLBACK_EVENT, flag: spec.name, default: spec.default, reason, ...(lastError !== undefined ? { error: lastError } : {}), ...extra },
        `feature flag "${spec.name}" fell back to its catalog default ${JSON.stringify(spec.default)}: ${reason}; check that PostHog is reachable and the flag exists there`,
      )
    }
    return spec.default
  }

  const evaluate = async (spec: FlagSpec, distinctId: string, call: FlagCallOptions = {}): Promise<FlagValue> => {
    let result
    try {
      result = await client.getFeatureFlagResult(spec.name, distinctId, {
        ...(call.personProperties !== undefined ? { personProperties: call.personProperties } : {}),
        ...(call.groups !== undefined ? { groups: call.groups } : {}),
        ...(call.groupProperties !== undefined ? { groupProperties: call.groupProperties } : {}),
        ...(call.sendFeatureFlagEvents !== undefined ? { sendFeatureFlagEvents: call.sendFeatureFlagEvents } : {}),
      })
    } catch (error) {
      return fallback(spec, `evaluation threw: ${describeError(error)}`)
    }
    const resolution = resolveFlag(spec, result)
    if ('value' in resolution) return resolution.value
    if (resolution.fallback === 'no-value') return fallback(spec, 'PostHog gave no value')
    return fallback(spec, `PostHog answered variant ${JSON.stringify(resolution.got)}, which the catalog does not declare`, { variant: resolution.got })
  }

  const methods: Record<string, unknown> = {}
  for (const spec of specs) {
    methods[spec.helper] = (distinctId: string, call?: FlagCallOptions) => evaluate(spec, distinctId, call)
  }
  methods.ready = async (timeoutMs = 10_000): Promise<boolean> => {
    if (!options.personalApiKey && options.client === undefined) return true
    return client.waitForLocalEvaluationReady(timeoutMs)
  }
  methods.shutdown = (timeoutMs?: number): Promise<void> => client.shutdown(timeoutMs)
  return methods as Flags<F>
}
