import { LinecastError } from '../core/errors.js'

/** The command line itself is wrong: unknown command, unknown flag, missing value. Exit code 2. */
export class UsageError extends LinecastError {
  constructor(
    message: string,
    /** the command whose usage to show; absent for the top level */
    readonly command?: string,
  ) {
    super('LINECAST_USAGE', message)
  }
}
