/**
 * Property specs as TypeScript types with JSDoc constraint tags (@minimum
 * @maximum @minLength @maxLength @pattern @format @minItems @maxItems,
 * @asType integer) that editors show and JSON Schema tools read; the JSON
 * Schema itself (json-schema.ts) is built from the same specs.
 */
import type { CompiledEvent, PropertySpec } from '../compiled.js'
import { jsdoc } from './jsdoc.js'
import { pascalName, propertyKey } from './names.js'

const JSON_SCHEMA_FORMATS = { email: 'email', uuid: 'uuid', url: 'uri', datetime: 'date-time' } as const

/** The TypeScript type of one property; nested objects render across lines at `indent`. */
export function tsType(spec: PropertySpec, indent: string): string {
  switch (spec.type) {
    case 'string':
      return 'string'
    case 'integer':
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'enum':
      return spec.values.length === 0 ? 'never' : spec.values.map((v) => JSON.stringify(v)).join(' | ')
    case 'array': {
      const item = tsType(spec.items, indent)
      return spec.items.type === 'enum' && spec.items.values.length > 1 ? `Array<${item}>` : `${item}[]`
    }
    case 'object':
      return objectType(spec.properties, indent)
  }
}

/** JSDoc lines for one property: its description, then its constraints. */
export function propertyDocLines(spec: PropertySpec): string[] {
  const lines: string[] = []
  if (spec.description) lines.push(spec.description)
  switch (spec.type) {
    case 'string':
      if (spec.minLength !== undefined) lines.push(`@minLength ${spec.minLength}`)
      if (spec.maxLength !== undefined) lines.push(`@maxLength ${spec.maxLength}`)
      if (spec.pattern !== undefined) lines.push(`@pattern ${spec.pattern}`)
      if (spec.format !== undefined) lines.push(`@format ${JSON_SCHEMA_FORMATS[spec.format]}`)
      break
    case 'integer':
    case 'number':
      if (spec.type === 'integer') lines.push('@asType integer')
      if (spec.min !== undefined) lines.push(`@minimum ${spec.min}`)
      if (spec.max !== undefined) lines.push(`@maximum ${spec.max}`)
      break
    case 'array':
      if (spec.minItems !== undefined) lines.push(`@minItems ${spec.minItems}`)
      if (spec.maxItems !== undefined) lines.push(`@maxItems ${spec.maxItems}`)
      break
    default:
      break
  }
  return lines
}

function members(properties: Record<string, PropertySpec>, indent: string): string {
  return Object.entries(properties)
    .map(([key, spec]) => {
      const optional = spec.optional === true ? '?' : ''
      return `${jsdoc(propertyDocLines(spec), indent)}${indent}${propertyKey(key)}${optional}: ${tsType(spec, indent)}\n`
    })
    .join('')
}

function objectType(properties: Record<string, PropertySpec>, indent: string): string {
  if (Object.keys(properties).length === 0) return 'Record<string, never>'
  return `{\n${members(properties, `${indent}  `)}${indent}}`
}

/** JSDoc lines for an event's interface. */
export function eventDocLines(event: CompiledEvent): string[] {
  const lines = [event.description]
  if (event.deprecated !== undefined) lines.push(`@deprecated ${event.deprecated}`)
  return lines
}

/** `export interface LogoGenerated { ... }` for one event. */
export function eventInterface(event: CompiledEvent): string {
  const name = pascalName(event.name)
  const body = members(event.properties, '  ')
  return `${jsdoc(eventDocLines(event))}export interface ${name} {${body.length > 0 ? `\n${body}` : ''}}\n`
}

export interface EventsMapOptions {
  /** the interface's name; default `LinecastEvents` */
  name?: string
  /** its JSDoc line */
  description?: string
}

export const EVENTS_MAP_DESCRIPTION = 'Every event of the catalog by name: the type parameter of the catalog and of `log.emit`.'

/** `export interface LinecastEvents { logo_generated: LogoGenerated; ... }` */
export function eventsMapInterface(eventNames: readonly string[], options: EventsMapOptions = {}): string {
  const body = eventNames.map((name) => `  ${propertyKey(name)}: ${pascalName(name)}\n`).join('')
  const name = options.name ?? 'LinecastEvents'
  return `${jsdoc([options.description ?? EVENTS_MAP_DESCRIPTION])}export interface ${name} {${body.length > 0 ? `\n${body}` : ''}}\n`
}
