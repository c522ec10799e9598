/**
 * PII paths of an event's properties. Paths are dotted (`customer.email`);
 * a list adds `[]` (`items[].email` is the `email` of every element of `items`,
 * `tags[]` every element of `tags`). A property with its own `pii` covers
 * everything under it.
 */
import type { PiiMode, PropertySpec } from './compiled.js'
import type { DiagnosticPath } from './diagnostics.js'

export interface PiiEntry {
  /** dotted path in the event's properties */
  path: string
  mode: PiiMode
  /** where `pii:` is written, relative to the event's `properties` mapping */
  yamlPath: DiagnosticPath
}

function walk(spec: PropertySpec, path: string, yamlPath: DiagnosticPath, out: PiiEntry[]): void {
  if (spec.pii !== undefined) {
    out.push({ path, mode: spec.pii, yamlPath: [...yamlPath, 'pii'] })
    return
  }
  if (spec.type === 'object') {
    for (const [name, child] of Object.entries(spec.properties)) walk(child, `${path}.${name}`, [...yamlPath, 'properties', name], out)
  } else if (spec.type === 'array') {
    walk(spec.items, `${path}[]`, [...yamlPath, 'items'], out)
  }
}

export function piiEntries(properties: Record<string, PropertySpec>): PiiEntry[] {
  const out: PiiEntry[] = []
  for (const [name, spec] of Object.entries(properties)) walk(spec, name, [name], out)
  return out
}

export function piiPaths(properties: Record<string, PropertySpec>): { hash: string[]; redact: string[]; keep: string[] } {
  const out: { hash: string[]; redact: string[]; keep: string[] } = { hash: [], redact: [], keep: [] }
  for (const entry of piiEntries(properties)) out[entry.mode].push(entry.path)
  return out
}
