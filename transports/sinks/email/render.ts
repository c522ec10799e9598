/** Figure tables -> a plain-text body and a simple HTML body. */
import type { FigureTable } from './figures.js'

export interface MailBody {
  heading: string
  /** the line's message, when it has one */
  intro?: string
  tables: FigureTable[]
  /** `service: api`, `eventId: …` pairs printed small at the end */
  footer: [string, string][]
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length))
}

function textTable(table: FigureTable): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `  ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ')}`.trimEnd()
  const out = table.title ? [table.title, ''] : []
  out.push(line(table.columns), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line))
  return out.join('\n')
}

export function renderText(body: MailBody): string {
  const parts = [body.heading, '='.repeat(body.heading.length)]
  if (body.intro) parts.push('', body.intro)
  for (const table of body.tables) parts.push('', textTable(table))
  if (body.footer.length > 0) parts.push('', '--', ...body.footer.map(([k, v]) => `${k}: ${v}`))
  return `${parts.join('\n')}\n`
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const CELL = 'style="border:1px solid #ccc;padding:4px 8px;text-align:left"'
const NUMERIC = /^-?\$?[\d,]+(\.\d+)?$/

function htmlTable(table: FigureTable): string {
  const head = table.columns.map((c) => `<th ${CELL}>${escapeHtml(c)}</th>`).join('')
  const rows = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td ${NUMERIC.test(cell) ? CELL.replace('left', 'right') : CELL}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')
  const title = table.title ? `<h3>${escapeHtml(table.title)}</h3>\n` : ''
  return `${title}<table style="border-collapse:collapse">\n<tr>${head}</tr>\n${rows}\n</table>`
}

export function renderHtml(body: MailBody): string {
  const parts = [`<h2>${escapeHtml(body.heading)}</h2>`]
  if (body.intro) parts.push(`<p>${escapeHtml(body.intro)}</p>`)
  for (const table of body.tables) parts.push(htmlTable(table))
  if (body.footer.length > 0) {
    const footer = body.footer.map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v)}`).join(' &middot; ')
    parts.push(`<p style="color:#888;font-size:12px">${footer}</p>`)
  }
  return `<!doctype html>\n<html><body style="font-family:sans-serif">\n${parts.join('\n')}\n</body></html>\n`
}
