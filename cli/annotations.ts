/**
 * GitHub workflow commands (`::error file=...,line=...,col=...,title=...::message`):
 * printed by `check --format github` and `diff --format github` so each
 * problem shows up on the line of the pull request that caused it.
 */
import { formatDiagnostic, type Diagnostic } from '../schema/diagnostics.js'
import { displayPath } from './generated-files.js'

export type AnnotationKind = 'error' | 'warning' | 'notice'

export interface AnnotationPlace {
  /** relative to the repository root, `/`-separated */
  file: string
  line?: number
  column?: number
}

/** Workflow command escaping of the message part. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** The stricter escaping of a property value (`file=`, `title=`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

export function annotation(kind: AnnotationKind, place: AnnotationPlace, title: string, message: string): string {
  const at = [`file=${escapeProperty(place.file)}`]
  if (place.line !== undefined) at.push(`line=${place.line}`)
  if (place.column !== undefined) at.push(`col=${place.column}`)
  at.push(`title=${escapeProperty(title)}`)
  return `::${kind} ${at.join(',')}::${escapeData(message)}`
}

/** A catalog diagnostic as an annotation on the catalog line it is about. */
export function diagnosticAnnotation(d: Diagnostic, cwd: string): string {
  return annotation(d.severity, { file: displayPath(cwd, d.file), line: d.line, column: d.column }, `linecast ${d.code}`, d.message)
}

/** How a command prints catalog diagnostics: text lines on stderr, or annotations on stdout. */
export type DiagnosticStyle = 'text' | 'github'

export interface DiagnosticPrinter {
  note(text: string): void
  line(text: string): void
}

export function printDiagnostic(out: DiagnosticPrinter, d: Diagnostic, style: DiagnosticStyle, cwd: string): void {
  if (style === 'github') out.line(diagnosticAnnotation(d, cwd))
  else out.note(formatDiagnostic(d))
}
