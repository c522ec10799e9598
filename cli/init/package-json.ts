/**
 * Adds npm scripts to a package.json by inserting text, so everything else
 * (key order, indentation, line endings, one-line arrays) stays exactly as it was.
 */
import { LinecastError } from '../../core/errors.js'

export class PackageJsonError extends LinecastError {
  constructor(message: string) {
    super('LINECAST_INIT_PACKAGE_JSON', message)
  }
}

export interface ScriptsResult {
  text: string
  added: string[]
  /** scripts already there (left as they are) */
  present: string[]
}

interface Span {
  /** index of `{` */
  open: number
  /** index of the matching `}` */
  close: number
}

/** Index after the JSON string starting at `i` (a `"`). */
function skipString(text: string, i: number): number {
  let j = i + 1
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
  return j + 1
}

function matchingBrace(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') {
      i = skipString(text, i) - 1
      continue
    }
    if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') {
      depth--
      if (depth === 0) return i
    }
  }
  throw new PackageJsonError('package.json has an unclosed object; fix the JSON and run linecast init again')
}

/** The object value of a top-level key, or undefined when the key is absent. */
function topLevelObject(text: string, root: Span, key: string): Span | undefined {
  let depth = 0
  for (let i = root.open + 1; i < root.close; i++) {
    const ch = text[i]
    if (ch === '"') {
      const end = skipString(text, i)
      if (depth === 0 && JSON.parse(text.slice(i, end)) === key) {
        const rest = text.slice(end)
        const colon = /^\s*:\s*/.exec(rest)
        if (colon && rest[colon[0].length] === '{') {
          const open = end + colon[0].length
          return { open, close: matchingBrace(text, open) }
        }
        if (colon) throw new PackageJsonError(`package.json "${key}" is not an object; make it one and run linecast init again`)
      }
      i = end - 1
      continue
    }
    if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') depth--
  }
  return undefined
}

/** Whitespace before the first entry of an object, after its last line break: the entries' indentation. */
function entryIndent(text: string, span: Span): string | undefined {
  const inside = text.slice(span.open + 1, span.close)
  const match = /^([ \t]*\r?\n)*?\r?\n([ \t]*)\S/.exec(inside)
  return match ? match[2] : undefined
}

function lastValueEnd(text: string, span: Span): number {
  let i = span.close - 1
  while (i > span.open && /\s/.test(text[i] as string)) i--
  return i + 1
}

function entries(scripts: Record<string, string>, indent: string, eol: string, multiline: boolean): string {
  const parts = Object.entries(scripts).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
  return multiline ? parts.map((p) => `${eol}${indent}${p}`).join(',') : parts.map((p) => ` ${p}`).join(',')
}

/** Adds each script not already defined; returns the new text (unchanged when nothing was added). */
export function addScripts(text: string, scripts: Record<string, string>): ScriptsResult {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new PackageJsonError(`package.json is not valid JSON (${(error as Error).message}); fix it and run linecast init again`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PackageJsonError('package.json is not a JSON object; fix it and run linecast init again')
  }
  const existing = (parsed as { scripts?: Record<string, unknown> }).scripts ?? {}
  const present = Object.keys(scripts).filter((name) => name in existing)
  const toAdd = Object.fromEntries(Object.entries(scripts).filter(([name]) => !(name in existing)))
  const added = Object.keys(toAdd)
  if (added.length === 0) return { text, added, present }

  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const rootOpen = text.indexOf('{')
  const root: Span = { open: rootOpen, close: matchingBrace(text, rootOpen) }
  const rootIndent = entryIndent(text, root) ?? '  '
  const span = topLevelObject(text, root, 'scripts')
  let insert: { at: number; text: string; replaceTo?: number }
  if (span) {
    const indent = entryIndent(text, span)
    const empty = text.slice(span.open + 1, span.close).trim() === ''
    const multiline = indent !== undefined || empty
    const inner = indent ?? `${rootIndent}${rootIndent}`
    if (empty) {
      const closeIndent = multiline ? `${eol}${rootIndent}` : ''
      insert = { at: span.open + 1, replaceTo: span.close, text: `${entries(toAdd, inner, eol, true)}${closeIndent}` }
    } else {
      insert = { at: lastValueEnd(text, span), text: `,${entries(toAdd, inner, eol, multiline)}` }
    }
  } else {
    const empty = text.slice(root.open + 1, root.close).trim() === ''
    const block = `${JSON.stringify('scripts')}: {${entries(toAdd, `${rootIndent}${rootIndent}`, eol, true)}${eol}${rootIndent}}`
    insert = empty
      ? { at: root.open + 1, replaceTo: root.close, text: `${eol}${rootIndent}${block}${eol}` }
      : { at: lastValueEnd(text, root), text: `,${eol}${rootIndent}${block}` }
  }
  const next = text.slice(0, insert.at) + insert.text + text.slice(insert.replaceTo ?? insert.at)
  return { text: next, added, present }
}
