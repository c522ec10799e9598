/**
 * Retry around one batch, with an end: exponential backoff with full jitter;
 * `retryAfter` waits what the destination asked; `split` halves the batch;
 * `reject` dead-letters the batch or only its culprits and resends the rest.
 * A batch that has not gone by `giveUpAt` (or when the signal aborts) comes
 * back undelivered with how long the destination should rest, and the chain
 * spools it. A 402 (quota, spending limit) is never dead-lettered: the lines
 * come back undelivered with the long `quotaBackoffMs` rest.
 */
import type { Outcome, SendFn } from './types.js'

export interface RetryPolicy {
  /** first backoff ceiling (ms) */
  baseMs: number
  /** largest backoff ceiling (ms) */
  capMs: number
  /** longest Retry-After honoured (ms) */
  maxRetryAfterMs: number
  /** rest after a 402 (quota or spending limit) before the next try (ms) */
  quotaBackoffMs: number
}

/** Full jitter: uniform in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30))
  return Math.floor(random() * ceiling)
}

/** A reject that means "pay or wait", not "this line is bad". */
export function isQuotaRefusal(outcome: Outcome): boolean {
  return outcome.type === 'reject' && (outcome.status === 402 || /\b402\b/.test(outcome.reason))
}

export interface RetryHooks<Item> {
  send: SendFn<Item>
  policy: RetryPolicy
  random: () => number
  now: () => number
  /** resolves true after `ms`, false as soon as `signal` aborts */
  sleep: (ms: number, signal: AbortSignal) => Promise<boolean>
  /** items at these indexes (of the original batch) reached the destination */
  onDelivered(indexes: number[]): void
  /** items at these indexes were refused for good */
  onRejected(indexes: number[], reason: string, loud: boolean): void
  onRetry(reason: string, delayMs: number): void
}

/** What did not go: the indexes, why, and how long the destination asked to rest. */
export interface Undelivered {
  indexes: number[]
  reason: string
  restMs: number
  quota: boolean
}

/**
 * Sends `items` (carrying their original `indexes`) until each one is
 * delivered or rejected, or the end comes: then returns what is left.
 */
export async function deliverWithRetry<Item>(
  items: Item[],
  indexes: number[],
  hooks: RetryHooks<Item>,
  signal: AbortSignal,
  giveUpAt: number,
): Promise<Undelivered | undefined> {
  let attempt = 0
  const left = (reason: string, restMs = 0, quota = false): Undelivered => ({ indexes, reason, restMs, quota })
  for (;;) {
    if (signal.aborted) return left('interrupted by a flush deadline or shutdown')
    const outcome = await hooks.send(items, signal)
    if (signal.aborted && outcome.type !== 'ok') return left('interrupted by a flush deadline or shutdown')
    let delay: number
    switch (outcome.type) {
      case 'ok':
        hooks.onDelivered(indexes)
        return undefined
      case 'retry':
        delay = backoffDelay(attempt++, hooks.policy, hooks.random)
        break
      case 'retryAfter':
        delay = Math.max(0, Math.min(outcome.ms, hooks.policy.maxRetryAfterMs))
        attempt++
        break
      case 'split':
        return splitAndSend(items, indexes, hooks, signal, giveUpAt, outcome.reason)
      case 'reject': {
        if (isQuotaRefusal(outcome)) return left(outcome.reason, hooks.policy.quotaBackoffMs, true)
        const culprits = new Set((outcome.items ?? []).filter((i) => Number.isInteger(i) && i >= 0 && i < items.length))
        if (outcome.loud === true || culprits.size === 0 || culprits.size === items.length) {
          hooks.onRejected(indexes, outcome.reason, outcome.loud === true)
          return undefined
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
    if (hooks.now() + delay > giveUpAt) return left(outcome.reason, delay)
    hooks.onRetry(outcome.reason, delay)
    if (!(await hooks.sleep(delay, signal))) return left('interrupted by a flush deadline or shutdown')
  }
}

async function splitAndSend<Item>(
  items: Item[],
  indexes: number[],
  hooks: RetryHooks<Item>,
  signal: AbortSignal,
  giveUpAt: number,
  reason: string,
): Promise<Undelivered | undefined> {
  if (items.length <= 1) {
    hooks.onRejected(indexes, `too large for the destination even alone: ${reason}`, false)
    return undefined
  }
  const mid = Math.ceil(items.length / 2)
  const first = await deliverWithRetry(items.slice(0, mid), indexes.slice(0, mid), hooks, signal, giveUpAt)
  if (first !== undefined) return { ...first, indexes: [...first.indexes, ...indexes.slice(mid)] }
  return deliverWithRetry(items.slice(mid), indexes.slice(mid), hooks, signal, giveUpAt)
}
