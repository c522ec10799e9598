/**
 * A light JavaScript/TypeScript lexer for the coverage scan: returns the text
 * with comments and the insides of string, template and regex literals blanked
 * (same length, newlines kept), so positions match the source and only code is
 * searched. Quote characters stay, so a literal can be read back from the source.
 * `${…}` inside a template literal is code again. A '…' or "…" string ends at a
 * line break, which keeps stray apostrophes in JSX text from hiding later lines.
 */

const REGEX_AFTER = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^'])
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await', 'delete', 'throw', 'new'])

/** the identifier that ends just before `end` (whitespace skipped) */
function wordBefore(source: string, end: number): string {
  let stop = end
  while (stop > 0 && /\s/.test(source[stop - 1] as string)) stop--
  let start = stop
  while (start > 0 && /[\w$]/.test(source[start - 1] as string)) start--
  return source.slice(start, stop)
}

function blank(ch: string): string {
  return ch === '\n' || ch === '\r' ? ch : ' '
}

export function codeView(source: string): string {
  const out: string[] = []
  /** for each open `${`, the brace depth it opened at */
  const templates: number[] = []
  let depth = 0
  let lastSignificant = ''
  let i = 0
  const n = source.length

  const readTemplate = (): void => {
    // at the character after ` or after the } closing a ${…}
    while (i < n) {
      const ch = source[i] as string
      if (ch === '\\') {
        out.push(' ', blank(source[i + 1] ?? ''))
        i += 2
        continue
      }
      if (ch === '`') {
        out.push('`')
        i++
        lastSignificant = '`'
        return
      }
      if (ch === '$' && source[i + 1] === '{') {
        out.push('${')
        i += 2
        templates.push(depth)
        depth++
        lastSignificant = '{'
        return
      }
      out.push(blank(ch))
      i++
    }
  }

  while (i < n) {
    const ch = source[i] as string
    const next = source[i + 1]
    if (ch === '/' && next === '/') {
      while (i < n && source[i] !== '\n') {
        out.push(' ')
        i++
      }
      continue
    }
    if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2)
      const stop = end === -1 ? n : end + 2
      for (; i < stop; i++) out.push(blank(source[i] as string))
      continue
    }
    if (ch === "'" || ch === '"') {
      out.push(ch)
      i++
      while (i < n && source[i] !== ch && source[i] !== '\n') {
        if (source[i] === '\\' && source[i + 1] !== '\n') {
          out.push(' ')
          i++
        }
        out.push(blank(source[i] ?? ''))
        i++
      }
      if (source[i] === ch) {
        out.push(ch)
        i++
      }
      lastSignificant = ch
      continue
    }
    if (ch === '`') {
      out.push('`')
      i++
      readTemplate()
      continue
    }
    if (ch === '/' && (REGEX_AFTER.has(lastSignificant) || (lastSignificant === 'w' && REGEX_KEYWORDS.has(wordBefore(source, i))))) {
      out.push('/')
      i++
      let inClass = false
      while (i < n && source[i] !== '\n') {
        const c = source[i] as string
        if (c === '\\') {
          out.push(' ', blank(source[i + 1] ?? ''))
          i += 2
          continue
        }
        if (c === '[') inClass = true
        else if (c === ']') inClass = false
        else if (c === '/' && !inClass) break
        out.push(' ')
        i++
      }
      if (source[i] === '/') {
        out.push('/')
        i++
      }
      lastSignificant = '/x'
      continue
    }
    if (ch === '{') depth++
    if (ch === '}') {
      depth--
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop()
        out.push('}')
        i++
        readTemplate()
        continue
      }
    }
    out.push(ch)
    if (!/\s/.test(ch)) lastSignificant = /[\w$]/.test(ch) ? 'w' : ch
    i++
  }
  return out.join('')
}
