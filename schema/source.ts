/**
 * One parsed catalog file: the YAML document, its plain value, and the way
 * back from a path in the document to a line and column.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import type { Diagnostic, DiagnosticPath } from './diagnostics.js'

/** Point at a mapping key (`unknown key`) or at its value (`wrong type`). */
export type Anchor = 'key' | 'value'

export interface Position {
  line: number
  column: number
}

export interface Source {
  readonly file: string
  readonly text: string
  /** the document as plain data (`undefined` for an empty file) */
  readonly value: unknown
  /** line and column (1-based) of the node at `path`, or of its nearest existing ancestor */
  position(path: DiagnosticPath, anchor?: Anchor): Position
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value)
  if (key === null || key === undefined) return undefined
  return String(key)
}

function start(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object') return undefined
  const range = (node as Node).range
  return range ? range[0] : undefined
}

function locate(doc: Document, path: DiagnosticPath, anchor: Anchor): number {
  let node: unknown = doc.contents
  let keyStart: number | undefined
  let resolved = true
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc)
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment))
      if (!pair) {
        resolved = false
        break
      }
      keyStart = start(pair.key) ?? keyStart
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      keyStart = undefined
      node = node.items[segment]
    } else {
      resolved = false
      break
    }
  }
  if (resolved && anchor === 'key' && keyStart !== undefined) return keyStart
  if (resolved) return start(node) ?? keyStart ?? 0
  return keyStart ?? start(node) ?? 0
}

/**
 * Offsets of keys that repeat a key of the same mapping. The parser's own
 * check compares each key with every earlier one (quadratic: seconds on a
 * catalog of thousands of events); a set per mapping is linear.
 */
function duplicateKeys(doc: Document): number[] {
  const offsets: number[] = []
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        const text = keyText(pair.key)
        if (text === undefined || text === '<<') continue
        if (seen.has(text)) offsets.push(start(pair.key) ?? 0)
        seen.add(text)
      }
    },
  })
  return offsets
}

export function parseSource(text: string, file: string): { source: Source; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true })
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: Math.max(1, line), column: Math.max(1, col) }
  }
  const diagnostics: Diagnostic[] = []
  const yamlProblem = (severity: Diagnostic['severity'], code: string, offset: number, message: string): void => {
    const firstLine = message.split('\n')[0] ?? message
    diagnostics.push({ severity, code, message: firstLine, file, ...toPosition(offset), path: [] })
  }
  for (const error of doc.errors) {
    yamlProblem('error', 'LC_YAML_SYNTAX', error.pos[0], `YAML syntax error (${error.code}): ${error.message}`)
  }
  for (const offset of duplicateKeys(doc)) {
    yamlProblem('error', 'LC_DUPLICATE_KEY', offset, 'this key is already set in the same mapping: YAML keys must be unique; remove or rename one')
  }
  for (const warning of doc.warnings) {
    yamlProblem('warning', 'LC_YAML_WARNING', warning.pos[0], `YAML warning (${warning.code}): ${warning.message}`)
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    yamlProblem('error', 'LC_YAML_SYNTAX', 0, `YAML cannot be read: ${(error as Error).message}`)
    value = undefined
  }
  const source: Source = {
    file,
    text,
    value,
    position: (path, anchor = 'value') => toPosition(locate(doc, path, anchor)),
  }
  return { source, diagnostics }
}
