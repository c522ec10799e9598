/** What the loader, the checks and the lint rules report about a catalog. */

export type DiagnosticPath = (string | number)[]

export interface Diagnostic {
  severity: 'error' | 'warning'
  /** stable, e.g. `LC_UNKNOWN_DESTINATION` (see `DIAGNOSTIC_CODES`) */
  code: string
  /** what is wrong and how to fix it */
  message: string
  file: string
  /** 1-based */
  line: number
  /** 1-based */
  column: number
  /** path in the YAML document */
  path: DiagnosticPath
}

/** `events.catalog.yaml:12:7 error LC_UNKNOWN_DESTINATION unknown destination ...` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`
}

/** Errors first, then by file, line and column. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  )
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** `['events', 'logo_generated', 'to', 0]` -> `events.logo_generated.to[0]` */
export function pathText(path: DiagnosticPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? segment : `.${segment}`
  }
  return out
}
