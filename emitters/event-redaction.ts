/**
 * Redaction of a catalog event's properties, planned once per event from its
 * property specs: keys that are secrets are replaced outright, string
 * properties are scanned with the one combined secret pattern, and only
 * object/array properties that can hold a string or a secret key are walked.
 * Numbers, booleans, enums, uuids and datetimes are left alone.
 */
import type { CompiledEvent, PropertySpec } from '../schema/compiled.js'
import type { Redactor } from '../core/redact.js'
import { maskString, REDACTED } from '../core/secrets.js'

export type RedactLine = (line: Record<string, unknown>) => void

export function compileEventRedaction(event: CompiledEvent, redactor: Redactor): RedactLine | undefined {
  const treated = new Set([...event.pii.hash, ...event.pii.redact].filter((p) => !p.includes('.')))
  const secret: string[] = []
  const scan: string[] = []
  const walk: string[] = []
  for (const [key, spec] of Object.entries(event.properties)) {
    if (redactor.isSecretKey(key)) secret.push(key)
    else if (treated.has(key)) continue
    else if (spec.type === 'string') {
      if (mayHoldSecret(spec, redactor)) scan.push(key)
    } else if (mayHoldSecret(spec, redactor)) walk.push(key)
  }
  if (secret.length + scan.length + walk.length === 0) return undefined
  return (line) => {
    for (let i = 0; i < secret.length; i++) {
      const k = secret[i] as string
      if (line[k] !== undefined) line[k] = REDACTED
    }
    for (let i = 0; i < scan.length; i++) {
      const k = scan[i] as string
      const v = line[k]
      if (typeof v === 'string') line[k] = maskString(v)
    }
    for (let i = 0; i < walk.length; i++) {
      const k = walk[i] as string
      const v = line[k]
      if (v !== undefined) line[k] = redactor.redact(v)
    }
  }
}

/** Whether a value of this spec can contain a secret-looking string or a secret key. */
export function mayHoldSecret(spec: PropertySpec, redactor: Redactor): boolean {
  switch (spec.type) {
    case 'string':
      return spec.format !== 'uuid' && spec.format !== 'datetime'
    case 'array':
      return mayHoldSecret(spec.items, redactor)
    case 'object':
      return Object.entries(spec.properties).some(([k, s]) => redactor.isSecretKey(k) || mayHoldSecret(s, redactor))
    default:
      return false
  }
}
