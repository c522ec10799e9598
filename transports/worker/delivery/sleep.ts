import { DeliveryAbortedError } from './errors.js'

/** Waits `ms`, or rejects with DeliveryAbortedError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal, destination: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DeliveryAbortedError(destination))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new DeliveryAbortedError(destination))
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
