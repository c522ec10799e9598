/**
 * How long Sentry asked us to wait. `X-Sentry-Rate-Limits` lists
 * `<seconds>:<categories>:<scope>[:<reason>]` entries separated by commas; an
 * entry with no categories applies to everything. Events travel in the
 * `error` category (messages too), so only entries naming `error` or
 * `default`, or naming nothing, count. Without that header, `Retry-After`
 * applies; without either, Sentry's documented default of 60 seconds.
 */
import { parseRetryAfter } from '../http/index.js'

export const DEFAULT_RATE_LIMIT_MS = 60_000
const EVENT_CATEGORIES = new Set(['error', 'default'])

export function parseSentryRateLimits(header: string | null | undefined): number | undefined {
  if (!header) return undefined
  let longest: number | undefined
  for (const entry of header.split(',')) {
    const [secondsText, categories = ''] = entry.trim().split(':')
    const seconds = Number(secondsText)
    if (!secondsText || !Number.isFinite(seconds) || seconds < 0) continue
    const names = categories.split(';').filter(Boolean)
    if (names.length > 0 && !names.some((name) => EVENT_CATEGORIES.has(name))) continue
    const ms = Math.round(seconds * 1000)
    longest = longest === undefined ? ms : Math.max(longest, ms)
  }
  return longest
}

/** The wait a 429 asks for, in milliseconds. */
export function rateLimitWait(headers: { 'x-sentry-rate-limits'?: string | null; 'retry-after'?: string | null }, now = Date.now()): number {
  return parseSentryRateLimits(headers['x-sentry-rate-limits']) ?? parseRetryAfter(headers['retry-after'], now) ?? DEFAULT_RATE_LIMIT_MS
}
