/**
 * Retry around one batch: exponential backoff with full jitter, capped;
 * `retryAfter` waits what the destination asked; `split` halves the batch;
 * `reject` dead-letters the batch or only its culprits and resends the rest.
 */
import { DeliveryAbortedError } from './errors.js'
import type { SendFn } from './timeout.js'

export interface RetryPolicy {
  /** first backoff ceiling (ms) */
  baseMs: number
  /** largest backoff ceiling (ms) */
  capMs: number
  /** longest Retry-After honoured (ms); longer answers are clamped */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 200, capMs: 30_000, maxRetryAfterMs: 60_000 }

/** Full jitter: uniform in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30))
  return Math.floor(random() * ceiling)
}

export interface RetryHooks<Item> {
  destination: string
  send: SendFn<Item>
  policy: RetryPolicy
  random: () => number
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** items at these indexes (of the original batch) reached the destination */
  onDelivered(indexes: number[]): void
  /** items at these indexes were refused for good */
  onRejected(indexes: number[], reason: string, loud: boolean): void
  onRetry(reason: string, delayMs: number, items: number): void
}

/**
 * Delivers `items` (carrying their original `indexes`) until each one is
 * delivered or rejected. Throws DeliveryAbortedError when `signal` aborts;
 * hooks have been told about everything settled before that.
 */
export async function deliverWithRetry<Item>(
  items: Item[],
  indexes: number[],
  hooks: RetryHooks<Item>,
  signal: AbortSignal,
): Promise<void> {
  let attempt = 0
  for (;;) {
    if (signal.aborted) throw new DeliveryAbortedError(hooks.destination)
    const outcome = await hooks.send(items, signal)
    switch (outcome.type) {
      case 'ok':
        hooks.onDelivered(indexes)
        return
      case 'retry': {
        const delay = backoffDelay(attempt++, hooks.policy, hooks.random)
        hooks.onRetry(outcome.reason, delay, items.length)
        await hooks.sleep(delay, signal)
        continue
      }
      case 'retryAfter': {
        const delay = Math.max(0, Math.min(outcome.ms, hooks.policy.maxRetryAfterMs))
        attempt++
        hooks.onRetry(outcome.reason, delay, items.length)
        await hooks.sleep(delay, signal)
        continue
      }
      case 'split': {
        if (items.length <= 1) {
          hooks.onRejected(indexes, `too large for the destination even alone: ${outcome.reason}`, false)
          return
        }
        const mid = Math.ceil(items.length / 2)
        await deliverWithRetry(items.slice(0, mid), indexes.slice(0, mid), hooks, signal)
        await deliverWithRetry(items.slice(mid), indexes.slice(mid), hooks, signal)
        return
      }
      case 'reject': {
        const culprits = new Set((outcome.items ?? []).filter((i) => Number.isInteger(i) && i >= 0 && i < items.length))
        if (outcome.loud === true || culprits.size === 0 || culprits.size === items.length) {
          hooks.onRejected(indexes, outcome.reason, outcome.loud === true)
          return
        }
        hooks.onRejected(
          indexes.filter((_, i) => culprits.has(i)),
          outcome.reason,
          false,
        )
        indexes = indexes.filter((_, i) => !culprits.has(i))
        items = items.filter((_, i) => !culprits.has(i))
        attempt = 0
        continue
      }
    }
  }
}
