/** Property specs flattened into documentation rows: dotted names, types with their constraints. */
import type { PropertySpec } from '../compiled.js'

export interface PropertyRow {
  name: string
  type: string
  required: boolean
  pii: string
  description: string
}

function range(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `${min}..${max}${unit}`
  if (min !== undefined) return `≥ ${min}${unit}`
  if (max !== undefined) return `≤ ${max}${unit}`
  return ''
}

/** `integer 1..8`, `string (email)`, `enum: a, b`, `string[] ≤ 5 items`. */
export function describeType(spec: PropertySpec): string {
  const parts: string[] = []
  switch (spec.type) {
    case 'string':
      parts.push(spec.format !== undefined ? `string (${spec.format})` : 'string')
      parts.push(range(spec.minLength, spec.maxLength, ' chars'))
      if (spec.pattern !== undefined) parts.push(`matching \`${spec.pattern}\``)
      break
    case 'integer':
    case 'number':
      parts.push(spec.type, range(spec.min, spec.max, ''))
      break
    case 'boolean':
      parts.push('boolean')
      break
    case 'enum':
      parts.push(`enum: ${spec.values.map((v) => `\`${v}\``).join(', ')}`)
      break
    case 'array':
      parts.push(`array of ${describeType(spec.items)}`, range(spec.minItems, spec.maxItems, ' items'))
      break
    case 'object':
      parts.push('object')
      break
  }
  return parts.filter((p) => p.length > 0).join(', ')
}

function collect(properties: Record<string, PropertySpec>, prefix: string, rows: PropertyRow[]): void {
  for (const [key, spec] of Object.entries(properties)) {
    const name = `${prefix}${key}`
    rows.push({
      name,
      type: describeType(spec),
      required: spec.optional !== true,
      pii: spec.pii ?? '',
      description: spec.description ?? '',
    })
    if (spec.type === 'object') collect(spec.properties, `${name}.`, rows)
    if (spec.type === 'array' && spec.items.type === 'object') collect(spec.items.properties, `${name}[].`, rows)
  }
}

export function propertyRows(properties: Record<string, PropertySpec>): PropertyRow[] {
  const rows: PropertyRow[] = []
  collect(properties, '', rows)
  return rows
}
