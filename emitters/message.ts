/**
 * Message templates: `Logo generated for {brandId} with {model}`. Compiled
 * once per event into literal parts and placeholder paths. A placeholder reads
 * the line's fields (properties win over context fields), then the current
 * context; `{a.b}` reads a nested field. A missing value renders as ''.
 * `{{` and `}}` write literal braces. Each interpolated value is cut to
 * `maxValue` characters (`…[+N chars]`), so a large property never doubles
 * the size of its line through `msg`.
 */
import { capText, DEFAULT_MAX_MESSAGE_VALUE } from './limits.js'

export type RenderMessage = (
  fields: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>> | undefined,
) => string

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\}/g

export function compileMessage(
  template: string | undefined,
  eventName: string,
  maxValue: number = DEFAULT_MAX_MESSAGE_VALUE,
): RenderMessage {
  if (template === undefined || template === '') return () => eventName
  const literals: string[] = []
  const paths: string[][] = []
  let last = 0
  let current = ''
  for (const m of template.matchAll(PLACEHOLDER)) {
    current += template.slice(last, m.index)
    last = m.index + m[0].length
    if (m[1] === undefined) {
      current += m[0][0]
      continue
    }
    literals.push(current)
    paths.push(m[1].split('.'))
    current = ''
  }
  current += template.slice(last)
  if (paths.length === 0) {
    const fixed = current
    return () => fixed
  }
  literals.push(current)
  const n = paths.length
  return (fields, context) => {
    let s = literals[0] as string
    for (let i = 0; i < n; i++) {
      const path = paths[i] as string[]
      let v = lookup(fields, path)
      if (v === undefined && context !== undefined) v = lookup(context, path)
      s += capText(format(v), maxValue) + (literals[i + 1] as string)
    }
    return s
  }
}

function lookup(source: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let v: unknown = source[path[0] as string]
  for (let i = 1; i < path.length && v !== undefined; i++) {
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[path[i] as string] : undefined
  }
  return v
}

function format(v: unknown): string {
  if (typeof v === 'string') return v
  if (v === undefined) return ''
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v)
    } catch {
      return '[Unserializable]'
    }
  }
  return String(v)
}
