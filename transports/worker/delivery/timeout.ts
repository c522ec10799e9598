/**
 * Every send gets a deadline. A hung destination comes back as a `retry`
 * outcome instead of stalling its pipeline; a parent abort (flush deadline,
 * shutdown) throws so the caller can spool the batch.
 */
import { DeliveryAbortedError, SendTimeoutError } from './errors.js'
import type { Outcome } from './types.js'

export type SendFn<Item> = (batch: Item[], signal: AbortSignal) => Promise<Outcome>

export function withTimeout<Item>(destination: string, send: SendFn<Item>, timeoutMs: number): SendFn<Item> {
  return (batch, parent) =>
    new Promise<Outcome>((resolve, reject) => {
      if (parent.aborted) return reject(new DeliveryAbortedError(destination))
      const controller = new AbortController()
      let settled = false
      const finish = (fn: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        parent.removeEventListener('abort', onParentAbort)
        fn()
      }
      const onParentAbort = (): void => {
        controller.abort(parent.reason)
        finish(() => reject(new DeliveryAbortedError(destination)))
      }
      const timer = setTimeout(() => {
        const error = new SendTimeoutError(timeoutMs)
        controller.abort(error)
        finish(() => resolve({ type: 'retry', reason: error.message }))
      }, timeoutMs)
      parent.addEventListener('abort', onParentAbort, { once: true })
      let pending: Promise<Outcome>
      try {
        pending = send(batch, controller.signal)
      } catch (error) {
        pending = Promise.reject(error)
      }
      pending.then(
        (outcome) => finish(() => resolve(outcome)),
        (error: unknown) =>
          finish(() => resolve({ type: 'retry', reason: error instanceof Error ? error.message : String(error) })),
      )
    })
}
