/** The two ways a browser event leaves the page: posthog-js, or a POST to linecast's collector. */
import type { CollectorTarget, PostHogLike } from './types.js'

/** One event as the collector receives it (`{ "events": [...] }`). */
export interface CollectedEvent {
  eventId: string
  event: string
  properties: Record<string, unknown>
  /** ISO time the browser tracked it */
  time: string
  /** the posthog-js distinct id, when the page has one */
  distinctId?: string
}

export function captureWithPostHog(posthog: PostHogLike, event: CollectedEvent): void {
  posthog.capture(event.event, event.properties, { uuid: event.eventId, send_instantly: true })
}

export function collectorTarget(collector: string | CollectorTarget): CollectorTarget {
  return typeof collector === 'string' ? { url: collector } : collector
}

/** POSTs the events; resolves with an error text when the collector did not take them, else undefined. */
export async function postToCollector(
  fetchFn: typeof fetch,
  target: CollectorTarget,
  events: readonly CollectedEvent[],
): Promise<string | undefined> {
  try {
    const response = await fetchFn(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(target.headers ?? {}) },
      body: JSON.stringify({ events }),
      credentials: target.credentials ?? 'same-origin',
      keepalive: true,
    })
    if (response.ok) return undefined
    return `collector answered ${response.status}`
  } catch (error) {
    return `collector unreachable: ${error instanceof Error ? error.message : String(error)}`
  }
}
