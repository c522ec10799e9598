/** `linecast verify` output: a table for people, JSON for tools, GitHub annotations for pull requests. */
import { escapeData, escapeProperty } from '../annotations.js'
import type { Finding, LinePlace, Tally, VerifyReport } from './tally.js'

function placeText(place: LinePlace): string {
  if (place.id !== undefined) return `${place.source} ${place.id}`
  return place.line !== undefined ? `${place.source}:${place.line}` : place.source
}

function issueText(finding: Finding): string {
  return finding.issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ')
}

function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? []
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '))
}

export function renderTable(report: VerifyReport): string[] {
  const out: string[] = []
  out.push(
    `linecast verify: ${report.lines} line${report.lines === 1 ? '' : 's'}: ${report.valid} valid, ${report.invalid} invalid, ` +
      `${report.unknown} unknown, ${report.rawPii} with raw PII (${report.plain} plain, ${report.notJson} not JSON)`,
  )
  if (report.sources.length > 0) {
    out.push('', ...columns([['service', 'runtime', 'lines', 'events'], ...report.sources.map((s) => [s.service, s.runtime, String(s.lines), String(s.events)])]))
  }
  if (report.invalidLines.length > 0) {
    out.push('', 'invalid lines:')
    for (const f of report.invalidLines) out.push(`  ${placeText(f.place)} ${f.event} (${f.service}, ${f.runtime}): ${issueText(f)}`)
  }
  if (report.unknownEvents.length > 0) {
    out.push('', 'unknown events:', ...report.unknownEvents.map((u) => `  ${u.event}: ${u.count} line${u.count === 1 ? '' : 's'}`))
  }
  if (report.rawPiiFields.length > 0) {
    out.push('', 'PII written raw (pii: hash or redact in the catalog):', ...report.rawPiiFields.map((r) => `  ${r.event}.${r.path}: ${r.count} line${r.count === 1 ? '' : 's'}`))
  }
  if (report.neverSeen.length > 0) out.push('', `catalog events never seen: ${report.neverSeen.join(', ')}`)
  if (report.alwaysEmpty.length > 0) {
    out.push('', 'properties always empty:', ...report.alwaysEmpty.map((e) => `  ${e.event}: ${e.properties.join(', ')}`))
  }
  return out
}

function annotationFor(kind: 'invalid' | 'unknown' | 'raw_pii', finding: Finding): string {
  const title = kind === 'invalid' ? 'invalid event line' : kind === 'unknown' ? 'unknown event' : 'raw PII'
  const at: string[] = []
  if (finding.place.id === undefined && finding.place.source !== 'stdin') at.push(`file=${escapeProperty(finding.place.source)}`)
  if (finding.place.line !== undefined && at.length > 0) at.push(`line=${finding.place.line}`)
  at.push(`title=${escapeProperty(`linecast verify: ${title}`)}`)
  const message = `${finding.event} (${finding.service}, ${finding.runtime}) at ${placeText(finding.place)}: ${issueText(finding)}`
  return `::error ${at.join(',')}::${escapeData(message)}`
}

export function renderGithub(report: VerifyReport, tally: Tally): string[] {
  const lines = tally.findings().map(({ kind, finding }) => annotationFor(kind, finding))
  for (const e of report.alwaysEmpty) lines.push(`::notice title=${escapeProperty('linecast verify: always empty')}::${escapeData(`${e.event}: ${e.properties.join(', ')} never had a value`)}`)
  if (report.neverSeen.length > 0) lines.push(`::notice title=${escapeProperty('linecast verify: never seen')}::${escapeData(report.neverSeen.join(', '))}`)
  return [...lines, ...renderTable(report).slice(0, 1)]
}
