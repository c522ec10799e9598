/**
 * The SDK transport's window: it holds at most `size` envelopes at once and
 * answers any more "buffer full" without sending them. Every send of one
 * destination takes a slot before it hands an envelope to the transport and
 * gives it back when the envelope is answered, so the transport is never asked
 * to hold more than it can; sends beyond the window wait their turn, in order.
 */
export class EnvelopeWindow {
  readonly size: number
  #free: number
  readonly #waiting: (() => void)[] = []

  constructor(size: number) {
    this.size = size
    this.#free = size
  }

  /** Resolves with a release function once a slot is free; undefined when `signal` aborted first. */
  acquire(signal?: AbortSignal): Promise<(() => void) | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined)
    if (this.#free > 0) {
      this.#free -= 1
      return Promise.resolve(this.#releaser())
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort)
        resolve(this.#releaser())
      }
      const onAbort = (): void => {
        const at = this.#waiting.indexOf(grant)
        if (at !== -1) this.#waiting.splice(at, 1)
        resolve(undefined)
      }
      this.#waiting.push(grant)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  get inUse(): number {
    return this.size - this.#free
  }

  #releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#waiting.shift()
      if (next) next()
      else this.#free += 1
    }
  }
}
