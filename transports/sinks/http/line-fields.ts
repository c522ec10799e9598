/**
 * Splitting a flat linecast line into its envelope (what pino and linecast
 * write on every line), its correlation context and the event's own properties.
 */
import { RESERVED_FIELDS } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'

const ENVELOPE: ReadonlySet<string> = new Set<string>([...RESERVED_FIELDS, 'v'])

/** Fields of `line` that are neither envelope nor listed in `exclude` (e.g. the catalog's context fields). */
export function lineProperties(line: LogLine, exclude: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key in line) {
    const value = line[key]
    if (value === undefined || ENVELOPE.has(key) || exclude.has(key)) continue
    out[key] = value
  }
  return out
}

/** The correlation fields named by the catalog that the line carries, in catalog order. */
export function lineContext(line: LogLine, contextFields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of contextFields) {
    if (line[key] !== undefined) out[key] = line[key]
  }
  return out
}
