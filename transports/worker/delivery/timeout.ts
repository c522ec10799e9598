/**
 * Every send gets a deadline. A hung destination comes back as a `retry`
 * outcome instead of stalling its chain; a parent abort (flush deadline,
 * shutdown) ends the send at once, and the retry layer hands the batch back.
 */
import { SendTimeoutError } from './errors.js'
import type { Outcome, SendFn } from './types.js'

export function withTimeout<Item>(send: SendFn<Item>, timeoutMs: number): SendFn<Item> {
  return (batch, parent) =>
    new Promise<Outcome>((resolve) => {
      if (parent.aborted) return resolve({ type: 'retry', reason: 'aborted' })
      const controller = new AbortController()
      let settled = false
      const finish = (outcome: Outcome): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        parent.removeEventListener('abort', onParentAbort)
        resolve(outcome)
      }
      const onParentAbort = (): void => {
        controller.abort(parent.reason)
        finish({ type: 'retry', reason: 'aborted' })
      }
      const timer = setTimeout(() => {
        const error = new SendTimeoutError(timeoutMs)
        controller.abort(error)
        finish({ type: 'retry', reason: error.message })
      }, timeoutMs)
      parent.addEventListener('abort', onParentAbort, { once: true })
      let pending: Promise<Outcome>
      try {
        pending = send(batch, controller.signal)
      } catch (error) {
        pending = Promise.reject(error)
      }
      pending.then(finish, (error: unknown) => finish({ type: 'retry', reason: error instanceof Error ? error.message : String(error) }))
    })
}
