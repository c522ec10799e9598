/**
 * Emit calls in one source file, in both forms:
 * helper `log.emit.logoGenerated(` and keyed `emit('logo_generated'` (any quote).
 * Comments and the insides of strings are never searched (see lex.ts).
 */
import { codeView } from './lex.js'

export interface EmitCall {
  form: 'helper' | 'keyed'
  /** helper name (camelCase) or event name as written */
  name: string
  /** 1-based: of the helper name, or of the string literal (its opening quote) */
  line: number
  column: number
}

const HELPER = /(?<![\w$])emit\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/g
const KEYED = /(?<![\w$])emit\s*\(\s*(['"`])/g
/** members of a function, never event helpers */
const FUNCTION_MEMBERS = new Set(['call', 'apply', 'bind', 'toString'])

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1)
  return starts
}

function position(starts: number[], index: number): { line: number; column: number } {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] as number) <= index) low = mid
    else high = mid - 1
  }
  return { line: low + 1, column: index - (starts[low] as number) + 1 }
}

/** The literal's text when it is a plain string (no escapes, no `${…}`); undefined otherwise. */
function literalAt(source: string, quoteIndex: number): string | undefined {
  const quote = source[quoteIndex] as string
  const end = source.indexOf(quote, quoteIndex + 1)
  if (end === -1) return undefined
  const text = source.slice(quoteIndex + 1, end)
  if (/[\\\n]/.test(text) || (quote === '`' && text.includes('${'))) return undefined
  return text
}

export function findEmitCalls(source: string): EmitCall[] {
  const code = codeView(source)
  const starts = lineStarts(source)
  const calls: EmitCall[] = []
  for (const match of code.matchAll(HELPER)) {
    const name = match[1] as string
    if (FUNCTION_MEMBERS.has(name)) continue
    const index = (match.index ?? 0) + match[0].indexOf(name, match[0].indexOf('.'))
    calls.push({ form: 'helper', name, ...position(starts, index) })
  }
  for (const match of code.matchAll(KEYED)) {
    const quoteIndex = (match.index ?? 0) + match[0].length - 1
    const name = literalAt(source, quoteIndex)
    if (name === undefined || name === '') continue
    calls.push({ form: 'keyed', name, ...position(starts, quoteIndex) })
  }
  return calls.sort((a, b) => a.line - b.line || a.column - b.column)
}
