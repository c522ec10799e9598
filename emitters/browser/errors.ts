import { LinecastError } from '../../core/errors.js'
import type { BrowserIssue } from './types.js'

/** A browser event does not match the catalog (thrown at the call while `onInvalid` is `throw`). */
export class TrackValidationError extends LinecastError {
  readonly event: string
  readonly issues: ReadonlyArray<BrowserIssue>
  constructor(event: string, issues: ReadonlyArray<BrowserIssue>) {
    const first = issues[0]
    const where = first === undefined || first.path.length === 0 ? 'the payload' : `property "${first.path.map(String).join('.')}"`
    super(
      'LINECAST_TRACK_INVALID',
      `Invalid browser event "${event}": ${where}: ${first?.message ?? 'does not match the catalog'}. Fix the track call so it matches events.catalog.yaml.`,
    )
    this.event = event
    this.issues = issues
  }
}

/** `createTracker` was called without a place to send events. */
export class TrackerOptionsError extends LinecastError {
  constructor(message: string) {
    super('LINECAST_TRACKER_OPTIONS', message)
  }
}
