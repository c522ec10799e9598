/**
 * HTML built from tagged templates: every interpolated value is escaped unless
 * it is already `Html` (a fragment built the same way). Text from the catalog
 * can therefore never become markup.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

export type HtmlValue = Html | string | number | boolean | undefined | null | readonly HtmlValue[]

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('')
  if (value === undefined || value === null || value === false) return ''
  return escapeHtml(String(value))
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

/** Markup the caller vouches for (the site's own CSS and script). */
export function trusted(markup: string): Html {
  return new Html(markup)
}

/** `` `code` `` spans in catalog text become `<code>`; everything else stays escaped text. */
export function inlineCode(text: string): Html {
  return new Html(
    text
      .split(/(`[^`]+`)/)
      .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part)))
      .join(''),
  )
}

export function table(headers: readonly string[], rows: readonly (readonly HtmlValue[])[], className = ''): Html {
  return html`<table${className ? trusted(` class="${escapeHtml(className)}"`) : ''}><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>
${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>\n`)}</tbody></table>`
}
