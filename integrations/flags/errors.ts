import { LinecastError } from '../../core/errors.js'

export class FlagsOptionsError extends LinecastError {
  constructor(problem: string) {
    super('LINECAST_FLAGS_OPTIONS', `createFlags: ${problem}`)
  }
}
