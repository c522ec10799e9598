/** Property specs as zod 4 source text, mirroring `ts-types.ts` constraint for constraint. */
import type { PropertySpec, StringProperty } from '../compiled.js'
import { propertyKey } from './names.js'

/**
 * The function objects are built with in `events.ts`: `z.strictObject` behind
 * a plain signature, so the compiler infers no shape type per object (that
 * inference is most of what a large catalog costs to check). A function
 * declaration, not a `const`: references to it need no control-flow analysis.
 */
export const STRICT_OBJECT = 'strictObject'

/** Its declaration, once in `events.ts`. */
export const STRICT_OBJECT_DECLARATION =
  `/** \`z.strictObject\` without shape inference: each schema is typed by its interface instead. */\n` +
  `function ${STRICT_OBJECT}(shape: object): z.ZodType {\n` +
  // cast, not checked: comparing ZodObject with ZodType structurally costs tens of thousands of types, once
  `  return z.strictObject(shape as z.ZodRawShape) as unknown as z.ZodType\n` +
  `}\n`

function stringBase(spec: StringProperty): string {
  switch (spec.format) {
    case 'email':
      return 'z.email()'
    case 'uuid':
      return 'z.uuid()'
    case 'url':
      return 'z.url()'
    case 'datetime':
      return 'z.iso.datetime({ offset: true })'
    default:
      return 'z.string()'
  }
}

function bounds(min: number | undefined, max: number | undefined): string {
  return `${min !== undefined ? `.min(${min})` : ''}${max !== undefined ? `.max(${max})` : ''}`
}

/** The zod expression for one property, without `.optional()`. */
export function zodExpression(spec: PropertySpec, indent: string): string {
  switch (spec.type) {
    case 'string': {
      const pattern = spec.pattern !== undefined ? `.regex(new RegExp(${JSON.stringify(spec.pattern)}))` : ''
      return `${stringBase(spec)}${bounds(spec.minLength, spec.maxLength)}${pattern}`
    }
    case 'integer':
      return `z.int()${bounds(spec.min, spec.max)}`
    case 'number':
      return `z.number()${bounds(spec.min, spec.max)}`
    case 'boolean':
      return 'z.boolean()'
    case 'enum':
      return `z.enum([${spec.values.map((v) => JSON.stringify(v)).join(', ')}])`
    case 'array':
      return `z.array(${zodExpression(spec.items, indent)})${bounds(spec.minItems, spec.maxItems)}`
    case 'object':
      return zodObject(spec.properties, indent)
  }
}

/** `strictObject({ ... })`: unknown properties are rejected at every depth. */
export function zodObject(properties: Record<string, PropertySpec>, indent: string): string {
  const entries = Object.entries(properties)
  if (entries.length === 0) return `${STRICT_OBJECT}({})`
  const inner = `${indent}  `
  const body = entries
    .map(([key, spec]) => {
      const optional = spec.optional === true ? '.optional()' : ''
      return `${inner}${propertyKey(key)}: ${zodExpression(spec, inner)}${optional},\n`
    })
    .join('')
  return `${STRICT_OBJECT}({\n${body}${indent}})`
}

/**
 * The schema `events.ts` builds for these properties, made at run time from
 * the same source text against the caller's zod (for lines that come in from
 * outside a build: `linecast ship`, fixtures of compiled catalogs).
 */
export function evaluateZodObject<T>(properties: Readonly<Record<string, PropertySpec>>, zod: typeof import('zod').z): T {
  const build = new Function('z', STRICT_OBJECT, `return ${zodObject(properties, '')}`) as (
    z: typeof import('zod').z,
    strictObject: (shape: Record<string, import('zod').ZodType>) => unknown,
  ) => T
  return build(zod, (shape) => zod.strictObject(shape))
}
