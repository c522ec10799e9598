/** The coverage report as text for people and as JSON for machines. */
import type { CoverageReport } from './analyze.js'

export function renderText(report: CoverageReport, catalogFile: string, src: string): string[] {
  const emittedDeclared = report.total - report.unused.length
  const lines = [
    `coverage: ${emittedDeclared}/${report.total} events of ${catalogFile} are emitted in ${src} ` +
      `(${report.files} file${report.files === 1 ? '' : 's'}, ${report.calls} emit call${report.calls === 1 ? '' : 's'})`,
  ]
  if (report.unused.length > 0) {
    lines.push('', `unused events (${report.unused.length}): declared but never emitted`)
    for (const name of report.unused) lines.push(`  ${name}`)
  }
  if (report.unknown.length > 0) {
    lines.push('', `unknown emit calls (${report.unknown.length}): the catalog declares no such event`)
    for (const call of report.unknown) {
      const shown = call.form === 'helper' ? `emit.${call.name}(…)` : `emit('${call.name}', …)`
      const hint = call.didYouMean === undefined ? '' : `; did you mean ${call.form === 'helper' ? `emit.${call.didYouMean}` : `'${call.didYouMean}'`}?`
      lines.push(`  ${call.file}:${call.line}:${call.column}  ${shown}${hint}`)
    }
  }
  return lines
}

export function renderJson(report: CoverageReport, catalogFile: string, src: string): string {
  return JSON.stringify(
    {
      catalog: catalogFile,
      src,
      files: report.files,
      calls: report.calls,
      total: report.total,
      emittedCount: report.total - report.unused.length,
      emitted: report.emitted,
      unused: report.unused,
      unknown: report.unknown,
    },
    null,
    2,
  )
}
