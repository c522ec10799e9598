import { LinecastError } from '../../core/errors.js'

/** A `linecast tail` option that cannot be used as given. */
export class TailUsageError extends LinecastError {
  constructor(message: string) {
    super('LINECAST_TAIL_USAGE', message)
  }
}

/** The file given to `linecast tail` cannot be read. */
export class TailSourceError extends LinecastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LINECAST_TAIL_SOURCE', message, options)
  }
}
