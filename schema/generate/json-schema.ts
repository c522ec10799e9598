/**
 * `events.schema.json`: the JSON Schema (draft-07) of every event, built
 * straight from the property specs, constraint for constraint the same as
 * the TypeScript interfaces (ts-types.ts) and zod schemas (zod-source.ts):
 * one definition per event interface, `LinecastEvents` naming them all.
 * Linear in the catalog: no compiler is started, so a catalog of thousands
 * of events takes milliseconds here.
 */
import type { CompiledCatalog, CompiledEvent, PropertySpec } from '../compiled.js'
import { canonicalValue, sortedEventNames } from './canonical.js'
import { headerText } from './header.js'
import { pascalName } from './names.js'
import { EVENTS_MAP_DESCRIPTION } from './ts-types.js'

export interface JsonSchemaOptions {
  catalogFile: string
}

type Schema = Record<string, unknown>

const ROOT_TYPE = 'LinecastEvents'
const FORMATS = { email: 'email', uuid: 'uuid', url: 'uri', datetime: 'date-time' } as const

/** The bounds that are set, under their JSON Schema names. */
function bounds(entries: [string, number | undefined][]): Schema {
  const out: Schema = {}
  for (const [key, value] of entries) if (value !== undefined) out[key] = value
  return out
}

function enumSchema(values: readonly string[]): Schema {
  if (values.length === 0) return { not: {} }
  return values.length === 1 ? { const: values[0], type: 'string' } : { enum: [...values], type: 'string' }
}

/** One property, without its description. */
function typeSchema(spec: PropertySpec): Schema {
  switch (spec.type) {
    case 'string': {
      const out: Schema = { type: 'string', ...bounds([['minLength', spec.minLength], ['maxLength', spec.maxLength]]) }
      if (spec.pattern !== undefined) out.pattern = spec.pattern
      if (spec.format !== undefined) out.format = FORMATS[spec.format]
      return out
    }
    case 'integer':
    case 'number':
      return { type: spec.type, ...bounds([['minimum', spec.min], ['maximum', spec.max]]) }
    case 'boolean':
      return { type: 'boolean' }
    case 'enum':
      return enumSchema(spec.values)
    case 'array':
      return { type: 'array', items: propertySchema(spec.items), ...bounds([['minItems', spec.minItems], ['maxItems', spec.maxItems]]) }
    case 'object':
      return objectSchema(spec.properties)
  }
}

function propertySchema(spec: PropertySpec): Schema {
  const schema = typeSchema(spec)
  return spec.description ? { description: spec.description, ...schema } : schema
}

/** A closed object: every property, the ones not optional required. */
function objectSchema(properties: Record<string, PropertySpec>): Schema {
  const entries = Object.entries(properties)
  const out: Schema = {
    type: 'object',
    additionalProperties: false,
  }
  if (entries.length > 0) out.properties = Object.fromEntries(entries.map(([key, spec]) => [key, propertySchema(spec)]))
  const required = entries.filter(([, spec]) => spec.optional !== true).map(([key]) => key)
  if (required.length > 0) out.required = required
  return out
}

/** JSON Schema's `deprecated` is a boolean; the reason stays readable in the description. */
function eventSchema(event: CompiledEvent): Schema {
  const schema = objectSchema(event.properties)
  if (event.deprecated === undefined) return { description: event.description, ...schema }
  const description = `${event.description}${event.description.length > 0 ? ' ' : ''}Deprecated: ${event.deprecated}`
  return { description, deprecated: true, ...schema }
}

export function renderJsonSchema(compiled: CompiledCatalog, options: JsonSchemaOptions): string {
  const names = sortedEventNames(compiled)
  const definitions: Schema = {}
  const root: Schema = {}
  for (const name of names) {
    const event = compiled.events[name]
    if (event === undefined) continue
    definitions[pascalName(name)] = eventSchema(event)
    root[name] = { $ref: `#/definitions/${pascalName(name)}` }
  }
  definitions[ROOT_TYPE] = {
    description: EVENTS_MAP_DESCRIPTION,
    type: 'object',
    properties: root,
    additionalProperties: false,
    ...(names.length > 0 ? { required: names } : {}),
  }
  const schema = {
    $comment: headerText(options.catalogFile),
    $ref: `#/definitions/${ROOT_TYPE}`,
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions,
  }
  return `${JSON.stringify(canonicalValue(schema), null, 2)}\n`
}
