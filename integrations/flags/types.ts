/** Types of the feature flag client. `F` maps helper names to flag values (the generated `LinecastFlags`). */

/** What a flag resolves to: `true`/`false`, or a variant key. */
export type FlagValue = boolean | string

/** Per-call evaluation inputs PostHog uses to match release conditions. */
export interface FlagCallOptions {
  /** person properties for local evaluation (and sent to /flags) */
  personProperties?: Record<string, string | number | boolean>
  /** group type -> group key */
  groups?: Record<string, string>
  groupProperties?: Record<string, Record<string, string | number | boolean>>
  /** default: the client's `sendFeatureFlagEvents` */
  sendFeatureFlagEvents?: boolean
}

/** One method per flag: `flags.newWizard(userId)` -> `Promise<'control' | 'test'>`. */
export type FlagHelpers<F extends object> = {
  readonly [K in keyof F & string]: (distinctId: string, options?: FlagCallOptions) => Promise<F[K]>
}

export interface FlagClientMethods {
  /** resolves once local evaluation has its flag definitions (at once when it is off); false after `timeoutMs` */
  ready(timeoutMs?: number): Promise<boolean>
  /** sends the queued `$feature_flag_called` events, stops polling and releases the client */
  shutdown(timeoutMs?: number): Promise<void>
}

export type Flags<F extends object> = FlagHelpers<F> & FlagClientMethods

/** Where the client writes its warning (a linecast or pino logger fits). */
export interface FlagLogger {
  warn(fields: Record<string, unknown>, msg: string): void
}
