import { formatDiagnostic, type Diagnostic } from './diagnostics.js'
import { LinecastError } from '../core/errors.js'

/** The catalog has at least one error-level diagnostic; every error is listed in the message. */
export class CatalogInvalidError extends LinecastError {
  override readonly code = 'LINECAST_CATALOG_INVALID'
  readonly diagnostics: Diagnostic[]
  constructor(file: string, diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    super(
      'LINECAST_CATALOG_INVALID',
      `${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} and run again:\n` +
        errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n'),
    )
    this.diagnostics = diagnostics
  }
}

/** The catalog file (or the built-in catalog part) cannot be read. */
export class CatalogNotFoundError extends LinecastError {
  override readonly code = 'LINECAST_CATALOG_NOT_FOUND'
  readonly file: string
  constructor(file: string, cause: unknown) {
    super(
      'LINECAST_CATALOG_NOT_FOUND',
      `cannot read the catalog ${file}: create it (see the README, "The catalog") or pass the right path`,
      { cause },
    )
    this.file = file
  }
}
