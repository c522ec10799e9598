/**
 * `createTracker`: the browser side of the catalog. Each call validates the
 * properties with the event's zod schema (always, never, or a sampled share),
 * treats PII and secrets, stamps an eventId, and sends the event through
 * posthog-js (events the catalog sends to PostHog, when the page has a
 * posthog instance) or to linecast's collector. Nothing is dropped without
 * being counted in `stats()` and reported to `onDrop`.
 */
import { TrackerOptionsError, TrackValidationError } from './errors.js'
import { applyBrowserPii, maskSecrets, secretKeyTest, webCryptoHasher } from './pii.js'
import { captureWithPostHog, collectorTarget, postToCollector, type CollectedEvent } from './send.js'
import type { BrowserCatalog, BrowserEvent, DropReason, TrackerOptions, TrackerStats } from './types.js'

export interface Tracker {
  /** sends one event by name (the generated helpers call this) */
  send(event: string, props: unknown): Promise<void>
  stats(): TrackerStats
}

function shouldValidate(validate: boolean | number | undefined, random: () => number): boolean {
  if (validate === undefined || validate === true) return true
  if (validate === false) return false
  return random() < validate
}

function newEventId(): string {
  return crypto.randomUUID()
}

export function createTracker(catalog: BrowserCatalog, options: TrackerOptions): Tracker {
  if (options.posthog === undefined && options.collector === undefined) {
    throw new TrackerOptionsError('createTrack needs `posthog` (a posthog-js instance), `collector` (the URL of linecast\'s browserCollector), or both.')
  }
  const stats: TrackerStats = { sent: { posthog: 0, collector: 0 }, dropped: { invalid: 0, send_failed: 0, no_destination: 0 } }
  const hash = options.piiKey === undefined || options.piiKey === '' ? undefined : webCryptoHasher(options.piiKey)
  const isSecret = secretKeyTest(catalog.redact)
  const random = options.random ?? Math.random
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init))
  const collector = options.collector === undefined ? undefined : collectorTarget(options.collector)

  const drop = (event: string, reason: DropReason, detail: string): void => {
    stats.dropped[reason] += 1
    options.onDrop?.({ event, reason, detail })
  }

  async function deliver(spec: BrowserEvent, props: Record<string, unknown>): Promise<void> {
    const treated = await applyBrowserPii(props, spec.pii, hash)
    const skip = new Set([...spec.pii.hash, ...spec.pii.redact].filter((p) => !p.includes('.') && !p.includes('[')))
    const properties = maskSecrets(treated, isSecret, skip) as Record<string, unknown>
    const event: CollectedEvent = { eventId: newEventId(), event: spec.name, properties, time: new Date().toISOString() }
    if (spec.posthog && options.posthog !== undefined) {
      captureWithPostHog(options.posthog, event)
      stats.sent.posthog += 1
      return
    }
    if (collector === undefined) return drop(spec.name, 'no_destination', 'no collector is configured for an event PostHog does not receive')
    if (options.posthog !== undefined) event.distinctId = options.posthog.get_distinct_id()
    const failed = await postToCollector(fetchFn, collector, [event])
    if (failed === undefined) stats.sent.collector += 1
    else drop(spec.name, 'send_failed', failed)
  }

  return {
    send(name, props) {
      const spec = catalog.events[name]
      if (spec === undefined) {
        drop(name, 'invalid', `"${name}" is not a browser event of the catalog`)
        return Promise.resolve()
      }
      let data = props
      if (shouldValidate(options.validate, random)) {
        const result = spec.schema.safeParse(props)
        if (!result.success) {
          if (options.onInvalid !== 'drop') throw new TrackValidationError(name, result.error.issues)
          drop(name, 'invalid', result.error.issues[0]?.message ?? 'does not match the catalog')
          return Promise.resolve()
        }
        data = result.data
      }
      if (typeof data !== 'object' || data === null) {
        drop(name, 'invalid', 'properties must be an object')
        return Promise.resolve()
      }
      return deliver(spec, data as Record<string, unknown>).catch((error: unknown) =>
        drop(name, 'send_failed', error instanceof Error ? error.message : String(error)),
      )
    },
    stats: () => ({ sent: { ...stats.sent }, dropped: { ...stats.dropped } }),
  }
}
