/**
 * Stamps correlation context on a line. The catalog's `context` list names the
 * fields written; a catalog that declares none writes every context field.
 * Context values were redacted when the context was opened (see context.ts).
 */
import type { LogContext } from './context.js'

export type Stamp = (line: Record<string, unknown>, context: LogContext | undefined) => void

export function compileStamp(fields: readonly string[]): Stamp {
  if (fields.length === 0) {
    return (line, context) => {
      if (context === undefined) return
      for (const k in context) {
        const v = context[k]
        if (v !== undefined) line[k] = v
      }
    }
  }
  const keys = [...fields]
  const n = keys.length
  return (line, context) => {
    if (context === undefined) return
    for (let i = 0; i < n; i++) {
      const k = keys[i] as string
      const v = context[k]
      if (v !== undefined) line[k] = v
    }
  }
}
