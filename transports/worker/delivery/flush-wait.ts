/** Waiting for a condition of a chain with a deadline: flush and shutdown wait here, every settled batch re-checks. */
export class Waiters {
  private readonly checks = new Set<() => void>()

  /** re-check every waiting condition */
  notify(): void {
    for (const check of [...this.checks]) check()
  }

  /** Resolves true once `predicate` holds, false at `deadlineAt` (epoch ms). */
  until(predicate: () => boolean, deadlineAt: number, now: () => number = Date.now): Promise<boolean> {
    if (predicate()) return Promise.resolve(true)
    return new Promise((resolve) => {
      const finish = (ok: boolean): void => {
        clearTimeout(timer)
        this.checks.delete(check)
        resolve(ok)
      }
      const check = (): void => {
        if (predicate()) finish(true)
      }
      const wait = deadlineAt - now()
      const timer = Number.isFinite(wait) ? setTimeout(() => finish(predicate()), Math.max(0, wait)) : undefined
      this.checks.add(check)
    })
  }
}
