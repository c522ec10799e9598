/**
 * How long Sentry asked us to wait, per data category. `X-Sentry-Rate-Limits`
 * lists `<seconds>:<categories>:<scope>[:<reason>]` entries separated by commas;
 * an entry with no categories applies to everything. Events travel in the
 * `error` category (`default` too), cron check-ins in `monitor`. Without that
 * header, `Retry-After` applies; without either, Sentry's documented default of
 * 60 seconds. The header may come with any answer, not only a 429.
 */
import { parseRetryAfter } from '../http/index.js'

export const DEFAULT_RATE_LIMIT_MS = 60_000

/** What linecast sends: error events and cron check-ins. */
export type SentryCategory = 'error' | 'monitor'

const CATEGORY_NAMES: Readonly<Record<SentryCategory, ReadonlySet<string>>> = {
  error: new Set(['error', 'default']),
  monitor: new Set(['monitor']),
}

export function parseSentryRateLimits(header: string | null | undefined, category: SentryCategory = 'error'): number | undefined {
  if (!header) return undefined
  const wanted = CATEGORY_NAMES[category]
  let longest: number | undefined
  for (const entry of header.split(',')) {
    const [secondsText, categories = ''] = entry.trim().split(':')
    const seconds = Number(secondsText)
    if (!secondsText || !Number.isFinite(seconds) || seconds < 0) continue
    const names = categories.split(';').filter(Boolean)
    if (names.length > 0 && !names.some((name) => wanted.has(name))) continue
    const ms = Math.round(seconds * 1000)
    longest = longest === undefined ? ms : Math.max(longest, ms)
  }
  return longest
}

export type RateLimitHeaders = { 'x-sentry-rate-limits'?: string | null; 'retry-after'?: string | null }

/** The wait a 429 asks for, in milliseconds. */
export function rateLimitWait(headers: RateLimitHeaders, now = Date.now(), category: SentryCategory = 'error'): number {
  return parseSentryRateLimits(headers['x-sentry-rate-limits'], category) ?? parseRetryAfter(headers['retry-after'], now) ?? DEFAULT_RATE_LIMIT_MS
}

/** The end of each category's rate-limit window, as the answers so far said. */
export class RateLimitWindows {
  readonly #until: Record<SentryCategory, number> = { error: 0, monitor: 0 }

  /** Reads one answer: X-Sentry-Rate-Limits on any status; a 429 without it limits `category` by Retry-After (or 60 s). */
  update(statusCode: number | undefined, headers: RateLimitHeaders | undefined, category: SentryCategory, now: number): void {
    const header = headers?.['x-sentry-rate-limits']
    if (header) {
      for (const name of Object.keys(this.#until) as SentryCategory[]) {
        const ms = parseSentryRateLimits(header, name)
        if (ms !== undefined) this.#until[name] = Math.max(this.#until[name], now + ms)
      }
      return
    }
    if (statusCode === 429) this.#until[category] = Math.max(this.#until[category], now + rateLimitWait(headers ?? {}, now, category))
  }

  until(category: SentryCategory): number {
    return this.#until[category]
  }
}
