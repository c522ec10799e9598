/** Which enqueued jobs are still running, so a caller can wait until all of them are done. */
import type { JobCounts } from './types.js'

export class JobTracker {
  readonly #pending = new Set<string>()
  /** finished before `enqueue` learned the id (BullMQ may finish a job that fast) */
  readonly #early = new Set<string>()
  readonly #waiters = new Set<() => void>()
  readonly #counts: JobCounts = { enqueued: 0, completed: 0, retried: 0, failed: 0 }

  added(id: string): void {
    this.#counts.enqueued++
    if (this.#early.delete(id)) return this.#wake()
    this.#pending.add(id)
  }

  retried(): void {
    this.#counts.retried++
  }

  finished(id: string, outcome: 'completed' | 'failed'): void {
    this.#counts[outcome]++
    if (!this.#pending.delete(id)) this.#early.add(id)
    this.#wake()
  }

  counts(): JobCounts {
    return { ...this.#counts }
  }

  idle(timeoutMs: number): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check)
        reject(new Error(`${this.#pending.size} job(s) still running after ${timeoutMs} ms`))
      }, timeoutMs)
      const check = (): void => {
        if (this.#pending.size > 0) return
        clearTimeout(timer)
        this.#waiters.delete(check)
        resolve()
      }
      this.#waiters.add(check)
    })
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter()
  }
}
