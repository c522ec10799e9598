/**
 * How one destination is doing: when it last took a batch, since when it has
 * been failing, how long it asked to rest. A destination failing for
 * `unreachableAfterMs` is reported at once (not only at flush), and again
 * when it recovers; a 402 is reported once per outage.
 */
import { backoffDelay, type RetryPolicy } from './retry.js'
import type { Report } from './losses.js'

export class Health {
  lastOkAt = 0
  failingSince: number | undefined
  restUntil = 0
  /** a flush found this destination failing (or spent its budget on it) and nothing went since: shutdown does not wait again */
  gaveUpAtFlush = false
  private failures = 0
  private lastReason = ''
  private reportedDown = false
  private reportedQuota = false

  constructor(
    private readonly destination: string,
    private readonly policy: RetryPolicy,
    private readonly unreachableAfterMs: number,
    private readonly report: Report,
    private readonly random: () => number,
  ) {}

  resting(now: number): boolean {
    return now < this.restUntil
  }

  /**
   * Stalled: a batch gave up (an answer said no, or a send timed out) and
   * nothing went since. A destination busy with a backlog, or a slow first
   * connection on a starved machine, is not stalled.
   */
  get stalled(): boolean {
    return this.failingSince !== undefined
  }

  ok(now: number): void {
    this.lastOkAt = now
    this.gaveUpAtFlush = false
    if (this.failingSince === undefined) return
    this.failingSince = undefined
    this.failures = 0
    this.restUntil = 0
    this.reportedQuota = false
    if (this.reportedDown) {
      this.reportedDown = false
      this.report('info', `destination "${this.destination}" is taking lines again`, { destination: this.destination })
    }
  }

  /** A batch did not go: rest at least what the destination asked, growing with each failure in a row. */
  failed(now: number, reason: string, restMs: number, quota: boolean): void {
    this.failingSince ??= now
    this.lastReason = reason
    this.restUntil = now + Math.max(restMs, backoffDelay(this.failures++, this.policy, this.random))
    if (quota && !this.reportedQuota) {
      this.reportedQuota = true
      this.report('error', `destination "${this.destination}" refused lines for quota or spending limit (${reason}); they are kept in the spool and retried every ${this.policy.quotaBackoffMs} ms; raise the plan or limit`, {
        destination: this.destination,
        reason,
      })
    }
  }

  /** Reports a destination failing for longer than `unreachableAfterMs`, once per outage. */
  check(now: number, where: () => Record<string, unknown>): void {
    if (this.failingSince === undefined || this.reportedDown || now - this.failingSince < this.unreachableAfterMs) return
    this.reportedDown = true
    this.report('error', `destination "${this.destination}" has taken nothing for ${now - this.failingSince} ms (${this.lastReason}); its lines are kept and retried`, {
      destination: this.destination,
      reason: this.lastReason,
      ...where(),
      action: 'check that the destination is reachable and its settings are right',
    })
  }
}
