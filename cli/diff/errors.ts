import { LinecastError } from '../../core/errors.js'

/** `--base` needs git and a repository around the catalog. */
export class GitUnavailableError extends LinecastError {
  constructor(directory: string, detail: string) {
    super(
      'LINECAST_GIT_UNAVAILABLE',
      `cannot compare with a git ref: ${directory} is not inside a git repository or git is not installed (${detail}); run it in a clone of the repository`,
    )
  }
}

/** The `--base` ref names no commit this clone has. */
export class BaseRefNotFoundError extends LinecastError {
  constructor(readonly ref: string) {
    super(
      'LINECAST_BASE_REF_NOT_FOUND',
      `git has no commit \`${ref}\` to compare with: check the name, or fetch it first (in GitHub Actions: actions/checkout with \`fetch-depth: 0\`)`,
    )
  }
}
