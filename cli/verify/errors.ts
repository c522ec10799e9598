import { LinecastError } from '../../core/errors.js'

/** `linecast verify` cannot read the input it was given. */
export class VerifySourceError extends LinecastError {
  constructor(message: string, cause?: unknown) {
    super('LINECAST_VERIFY_SOURCE', message, { cause })
  }
}
