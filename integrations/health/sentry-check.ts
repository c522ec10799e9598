/**
 * The readiness check of Sentry. linecast sends to Sentry from its transport
 * worker with a client of its own (no `Sentry.init`, so no global client in
 * the application's thread); the check that matters for a linecast service is
 * whether that destination is on. Three ways to say what "Sentry is there" means:
 *
 * - `true`: `@sentry/node` has a global client (the service called Sentry.init);
 * - a function: ready when it returns (or resolves to) true;
 * - a linecast logger (anything with `deliveryStats()`): ready when the
 *   logger's transport has the Sentry destination on; when it is off the
 *   check fails with the worker's reason (e.g. `missing SENTRY_DSN`).
 */
import type { DeliveryStats } from '../../transports/worker/delivery/stats.js'

/** What `createLogger` returns has it. */
export interface SentryDeliveryProbe {
  deliveryStats(): Promise<DeliveryStats | undefined>
}

export type SentryCheck = boolean | (() => boolean | Promise<boolean>) | SentryDeliveryProbe

/** The destination name looked up in the logger's delivery, unless `sentryDestination` says another. */
export const DEFAULT_SENTRY_DESTINATION = 'sentry'

/** Resolves when Sentry is there; throws what is missing. */
export async function expectSentry(check: Exclude<SentryCheck, false>, destination: string = DEFAULT_SENTRY_DESTINATION): Promise<void> {
  if (check === true) return expectGlobalClient()
  if (typeof check === 'function') {
    if ((await check()) !== true) throw new Error('the Sentry check returned false')
    return
  }
  const stats = await check.deliveryStats()
  if (stats === undefined) {
    throw new Error('the logger delivers to no destination (delivery is off), so nothing reaches Sentry: configure the Sentry destination')
  }
  if (destination in stats.destinations) return
  const off = stats.off[destination]
  if (off !== undefined) throw new Error(`the "${destination}" destination is off: ${off}`)
  throw new Error(`the logger's catalog has no destination "${destination}": set sentryDestination to the name of its sentry destination`)
}

async function expectGlobalClient(): Promise<void> {
  const { getClient } = await import('@sentry/node')
  if (getClient() === undefined) {
    throw new Error('no Sentry client: call Sentry.init before serving, or pass the linecast logger as `sentry` to check its Sentry destination')
  }
}
