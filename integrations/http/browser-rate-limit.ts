/** A fixed-window request limit per client for the browser collector. */

export interface RateLimitOptions {
  /** requests per client per window; default 120 */
  requests?: number
  /** window length in ms; default 60 000 */
  windowMs?: number
  /** clients remembered at most (oldest windows are forgotten first); default 10 000 */
  maxClients?: number
}

export interface RateLimit {
  /** true when the client may make one more request now */
  take(client: string): boolean
  readonly windowMs: number
}

export function createRateLimit(options: RateLimitOptions, now: () => number): RateLimit {
  const requests = options.requests ?? 120
  const windowMs = options.windowMs ?? 60_000
  const maxClients = options.maxClients ?? 10_000
  const windows = new Map<string, { start: number; count: number }>()
  return {
    windowMs,
    take(client) {
      const t = now()
      const current = windows.get(client)
      if (current === undefined || t - current.start >= windowMs) {
        windows.delete(client)
        if (windows.size >= maxClients) windows.delete(windows.keys().next().value as string)
        windows.set(client, { start: t, count: 1 })
        return true
      }
      current.count += 1
      return current.count <= requests
    },
  }
}
