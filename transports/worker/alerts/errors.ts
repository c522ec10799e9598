import { LinecastError } from '../../../core/errors.js'

/** Redis refused or could not be reached while updating an alert window. */
export class AlertStoreError extends LinecastError {
  constructor(message: string, cause?: unknown) {
    const detail = cause instanceof Error ? `: ${cause.message}` : ''
    super('LINECAST_ALERT_STORE', `${message}${detail}; check that Redis is reachable at the alerts Redis URL (REDIS_URL or alerts.redisUrl)`, { cause })
  }
}
