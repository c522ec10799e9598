import type { Diagnostic, DiagnosticPath } from './diagnostics.js'
import type { Anchor, Source } from './source.js'

/** Collects diagnostics with their positions; never stops at the first. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = []

  error(source: Source, path: DiagnosticPath, code: string, message: string, anchor: Anchor = 'value'): void {
    this.add('error', source, path, code, message, anchor)
  }

  warning(source: Source, path: DiagnosticPath, code: string, message: string, anchor: Anchor = 'value'): void {
    this.add('warning', source, path, code, message, anchor)
  }

  private add(
    severity: Diagnostic['severity'],
    source: Source,
    path: DiagnosticPath,
    code: string,
    message: string,
    anchor: Anchor,
  ): void {
    const { line, column } = source.position(path, anchor)
    this.diagnostics.push({ severity, code, message, file: source.file, line, column, path: [...path] })
  }
}
