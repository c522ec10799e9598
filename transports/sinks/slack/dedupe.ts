/**
 * The same alert (same event and rule/key) is sent once per window; repeats
 * inside the window are counted and reported by the next message of that alert
 * once the window has passed. State lives in the sink; the clock is injected.
 */
export interface Admitted {
  /** repeats suppressed since the previous message of this alert */
  repeats: number
  /** when the previous message of this alert was admitted (ms), when there was one */
  previousAt?: number
}

interface Entry {
  sentAt: number
  repeats: number
}

const PRUNE_ABOVE = 1000

export class AlertDeduper {
  readonly #windowMs: number
  readonly #now: () => number
  readonly #entries = new Map<string, Entry>()

  constructor(windowMs: number, now: () => number) {
    this.#windowMs = windowMs
    this.#now = now
  }

  /** null: a repeat inside the window, not to be sent; otherwise send, mentioning `repeats`. */
  admit(key: string): Admitted | null {
    const now = this.#now()
    if (this.#windowMs <= 0) return { repeats: 0 }
    const entry = this.#entries.get(key)
    if (entry && now - entry.sentAt < this.#windowMs) {
      entry.repeats += 1
      return null
    }
    if (this.#entries.size >= PRUNE_ABOVE) this.#prune(now)
    this.#entries.set(key, { sentAt: now, repeats: 0 })
    return entry ? { repeats: entry.repeats, previousAt: entry.sentAt } : { repeats: 0 }
  }

  /** forget expired alerts that have no repeat left to report */
  #prune(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.repeats === 0 && now - entry.sentAt >= this.#windowMs) this.#entries.delete(key)
    }
  }
}

function errorIdentity(err: unknown): string {
  if (err === null || typeof err !== 'object') return ''
  const { type, message } = err as { type?: unknown; message?: unknown }
  return `${typeof type === 'string' ? type : ''}\u0000${typeof message === 'string' ? message : ''}`
}

/**
 * The identity of an alert: its event plus the rule, alert or key it is about, and what went wrong:
 * the line's `fingerprint` when it has one, else its error's type and message. Two different
 * unhandled errors are two alerts; the same error again is a repeat.
 */
export function dedupeKey(fields: Record<string, unknown>): string {
  const about = [fields.rule, fields.alert, fields.key].find((v) => typeof v === 'string' || typeof v === 'number')
  const fingerprint = fields.fingerprint
  const what = typeof fingerprint === 'string' || Array.isArray(fingerprint) ? JSON.stringify(fingerprint) : errorIdentity(fields.err)
  return `${String(fields.event ?? '')}\u0000${about === undefined ? '' : String(about)}\u0000${what}`
}
