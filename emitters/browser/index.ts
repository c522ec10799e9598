/**
 * `linecast/browser`: the runtime of the generated `events.browser.ts`. No
 * pino, no Node built-ins: Web Crypto, fetch and the event's zod schema.
 */
export { createTracker, type Tracker } from './tracker.js'
export { TrackValidationError, TrackerOptionsError } from './errors.js'
export type {
  BrowserCatalog,
  BrowserEvent,
  BrowserIssue,
  BrowserSchema,
  CollectorTarget,
  DropReason,
  PostHogLike,
  TrackerOptions,
  TrackerStats,
} from './types.js'
export type { CollectedEvent } from './send.js'
