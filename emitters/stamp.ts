/**
 * Stamps correlation context on a line. The catalog's `context` list names the
 * fields written; a catalog that declares none writes every context field.
 * Context values were redacted when the context was opened (see context.ts).
 * A context field named like a field every line carries (`event`, `level`,
 * `msg`, ...) is never written: it would overwrite or duplicate that field.
 */
import { RESERVED_FIELDS } from '../schema/compiled.js'
import type { LogContext } from './context.js'

const RESERVED: ReadonlySet<string> = new Set(RESERVED_FIELDS)

/** The context fields a line may carry: the declared ones, reserved names left out. */
export function writableContextFields(fields: readonly string[]): string[] {
  return fields.filter((k) => !RESERVED.has(k))
}

export function isReservedField(key: string): boolean {
  return RESERVED.has(key)
}

export type Stamp = (line: Record<string, unknown>, context: LogContext | undefined) => void

export function compileStamp(fields: readonly string[]): Stamp {
  if (fields.length === 0) {
    return (line, context) => {
      if (context === undefined) return
      for (const k in context) {
        const v = context[k]
        if (v !== undefined && !RESERVED.has(k)) line[k] = v
      }
    }
  }
  const keys = writableContextFields(fields)
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
