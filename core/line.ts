/** The shape of one linecast line, shared by every area. */
import type { Level } from './level.js'

/** One parsed pino line as linecast writes it (flat: properties and context at top level). */
export interface LogLine {
  level: Level
  /** ISO 8601 */
  time: string
  /** UUID, unique per line; the idempotency key at every destination */
  eventId: string
  service?: string
  env?: string
  event?: string
  kind?: string
  msg?: string
  err?: SerializedError
  [field: string]: unknown
}

export interface SerializedError {
  type?: string
  message?: string
  stack?: string
  code?: string | number
  [field: string]: unknown
}
