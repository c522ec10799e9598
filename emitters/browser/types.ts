/** What the generated `events.browser.ts` hands the browser tracker, and what a tracker reports. */

/** The part of a zod schema the tracker uses (the generated schemas are zod 4). */
export interface BrowserSchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: ReadonlyArray<BrowserIssue> } }
}

export interface BrowserIssue {
  readonly code: string
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/** One browser event as the generated module describes it. */
export interface BrowserEvent {
  readonly name: string
  readonly kind: string
  /** true when the catalog sends the event to a PostHog destination */
  readonly posthog: boolean
  /** dotted property paths by PII treatment (see CompiledEvent.pii) */
  readonly pii: { readonly hash: readonly string[]; readonly redact: readonly string[] }
  readonly schema: BrowserSchema
}

/** The catalog part the browser needs: its events and the extra secret keys. */
export interface BrowserCatalog {
  readonly service: string
  /** keys redacted at any depth on top of the built-in list */
  readonly redact: readonly string[]
  readonly events: Readonly<Record<string, BrowserEvent>>
}

/** The posthog-js calls the tracker makes (a `posthog` instance from posthog-js fits). */
export interface PostHogLike {
  capture(event: string, properties?: Record<string, unknown> | null, options?: { uuid?: string; send_instantly?: boolean }): unknown
  get_distinct_id(): string
}

export interface CollectorTarget {
  /** the collector's URL, e.g. `/linecast/events` or `https://api.example.com/linecast/events` */
  url: string
  headers?: Record<string, string>
  /** `include` when the collector reads the session cookie cross-origin */
  credentials?: 'omit' | 'same-origin' | 'include'
}

export type DropReason = 'invalid' | 'send_failed' | 'no_destination'

export interface TrackerOptions {
  /** the app's posthog-js instance: events the catalog sends to PostHog are captured through it */
  posthog?: PostHogLike
  /** where every other event goes (and PostHog events when no `posthog` is given) */
  collector?: string | CollectorTarget
  /** HMAC key of `pii: hash` (the Node logger's PII_HASH_KEY); without it hashed properties are sent as `[REDACTED]` */
  piiKey?: string
  /**
   * zod validation before sending: `true` (default) every event, `false` none,
   * a number in 0..1 that share of events (production sampling).
   */
  validate?: boolean | number
  /** `throw` (default): an invalid event throws TrackValidationError at the call; `drop`: counted and reported to onDrop */
  onInvalid?: 'throw' | 'drop'
  /** called once for every event that is not sent */
  onDrop?: (drop: { event: string; reason: DropReason; detail: string }) => void
  fetch?: typeof fetch
  /** random numbers in [0, 1) for validation sampling */
  random?: () => number
}

export interface TrackerStats {
  sent: { posthog: number; collector: number }
  dropped: Record<DropReason, number>
}
