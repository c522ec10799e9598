/** Property specs: the typed fields of an event. */
import { PII_MODES, RESERVED_FIELDS, type PropertySpec } from '../compiled.js'
import { pathText } from '../diagnostics.js'
import { dict } from '../dict.js'
import { suggestion } from '../suggest.js'
import { reportPrototypeName } from './prototype-names.js'
import {
  checkKeys,
  missing,
  readBoolean,
  readChoice,
  readMap,
  readNumber,
  readString,
  readStringList,
  wrongType,
  type Path,
  type ReadContext,
} from './values.js'

export const PROPERTY_TYPES = ['string', 'integer', 'number', 'boolean', 'enum', 'array', 'object'] as const
type PropertyType = (typeof PROPERTY_TYPES)[number]

const COMMON_KEYS = ['type', 'optional', 'description', 'pii'] as const
const TYPE_KEYS: Readonly<Record<PropertyType, readonly string[]>> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  integer: ['min', 'max'],
  number: ['min', 'max'],
  boolean: [],
  enum: ['values'],
  array: ['items', 'minItems', 'maxItems'],
  object: ['properties'],
}
const STRING_FORMATS = ['email', 'uuid', 'url', 'datetime'] as const

/** Property names become TypeScript and JSON keys: letters, digits, `_`, not starting with a digit. */
export const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

function isPropertyType(value: unknown): value is PropertyType {
  return typeof value === 'string' && (PROPERTY_TYPES as readonly string[]).includes(value)
}

function checkOrder(ctx: ReadContext, path: Path, low: number | undefined, high: number | undefined, lowKey: string, highKey: string): void {
  if (low !== undefined && high !== undefined && low > high) {
    ctx.report.error(
      ctx.source,
      [...path, lowKey],
      'LC_INVALID_RANGE',
      `${pathText(path)}.${lowKey} (${low}) is greater than ${highKey} (${high}); swap them or fix one`,
    )
  }
}

/** Reads one property. A bare type name (`brandId: string`) is short for `{ type: string }`. */
export function readProperty(ctx: ReadContext, value: unknown, path: Path): PropertySpec | undefined {
  if (typeof value === 'string') {
    if (isPropertyType(value) && value !== 'enum' && value !== 'array' && value !== 'object') return { type: value }
    ctx.report.error(
      ctx.source,
      path,
      'LC_UNKNOWN_PROPERTY_TYPE',
      `unknown property type \`${value}\` for ${pathText(path)}${suggestion(value, PROPERTY_TYPES)}` +
        (isPropertyType(value) ? `; write \`{ type: ${value}, ... }\` with its settings` : ''),
    )
    return undefined
  }
  const map = readMap(ctx, value, path, 'a property spec such as `{ type: string }`')
  if (!map) return undefined
  const type = map.type
  if (type === undefined) {
    missing(ctx, path, 'type', `give the property a type (${PROPERTY_TYPES.join(', ')})`)
    return undefined
  }
  if (!isPropertyType(type)) {
    if (typeof type !== 'string') wrongType(ctx, [...path, 'type'], `one of ${PROPERTY_TYPES.join(', ')}`, type)
    else
      ctx.report.error(
        ctx.source,
        [...path, 'type'],
        'LC_UNKNOWN_PROPERTY_TYPE',
        `unknown property type \`${type}\` for ${pathText(path)}${suggestion(type, PROPERTY_TYPES)}`,
      )
    return undefined
  }
  checkKeys(ctx, map, path, [...COMMON_KEYS, ...TYPE_KEYS[type]], `${type} property`)
  const base: { optional?: boolean; description?: string; pii?: PropertySpec['pii'] } = {}
  const optional = readBoolean(ctx, map, path, 'optional')
  if (optional !== undefined) base.optional = optional
  const description = readString(ctx, map, path, 'description')
  if (description !== undefined) base.description = description
  const pii = readChoice(ctx, map, path, 'pii', PII_MODES)
  if (pii !== undefined) base.pii = pii

  switch (type) {
    case 'string': {
      const spec: PropertySpec = { type, ...base }
      const minLength = readNumber(ctx, map, path, 'minLength', { integer: true, min: 0 })
      const maxLength = readNumber(ctx, map, path, 'maxLength', { integer: true, min: 0 })
      checkOrder(ctx, path, minLength, maxLength, 'minLength', 'maxLength')
      if (minLength !== undefined) spec.minLength = minLength
      if (maxLength !== undefined) spec.maxLength = maxLength
      const pattern = readString(ctx, map, path, 'pattern')
      if (pattern !== undefined) {
        try {
          new RegExp(pattern)
          spec.pattern = pattern
        } catch (error) {
          ctx.report.error(
            ctx.source,
            [...path, 'pattern'],
            'LC_INVALID_PATTERN',
            `${pathText([...path, 'pattern'])} is not a valid regular expression (${(error as Error).message}); fix it or quote it in single quotes`,
          )
        }
      }
      const format = readChoice(ctx, map, path, 'format', STRING_FORMATS)
      if (format !== undefined) spec.format = format
      return spec
    }
    case 'integer':
    case 'number': {
      const spec: PropertySpec = { type, ...base }
      const min = readNumber(ctx, map, path, 'min', { integer: type === 'integer' })
      const max = readNumber(ctx, map, path, 'max', { integer: type === 'integer' })
      checkOrder(ctx, path, min, max, 'min', 'max')
      if (min !== undefined) spec.min = min
      if (max !== undefined) spec.max = max
      return spec
    }
    case 'boolean':
      return { type, ...base }
    case 'enum': {
      const values = readStringList(ctx, map, path, 'values') ?? []
      if (values.length === 0 && (map.values === undefined || Array.isArray(map.values) || map.values === null)) {
        ctx.report.error(
          ctx.source,
          map.values === undefined ? path : [...path, 'values'],
          'LC_EMPTY_ENUM',
          `enum ${pathText(path)} has no values: list them, e.g. \`values: [control, test]\``,
          map.values === undefined ? 'key' : 'value',
        )
      }
      const seen = new Set<string>()
      values.forEach((v, index) => {
        if (seen.has(v))
          ctx.report.error(ctx.source, [...path, 'values', index], 'LC_DUPLICATE_VALUE', `enum ${pathText(path)} lists \`${v}\` twice; remove one`)
        seen.add(v)
      })
      return { type, ...base, values: [...seen] }
    }
    case 'array': {
      if (map.items === undefined) {
        missing(ctx, path, 'items', 'say what the list holds, e.g. `items: { type: string }`')
        return undefined
      }
      const items = readProperty(ctx, map.items, [...path, 'items'])
      const minItems = readNumber(ctx, map, path, 'minItems', { integer: true, min: 0 })
      const maxItems = readNumber(ctx, map, path, 'maxItems', { integer: true, min: 0 })
      checkOrder(ctx, path, minItems, maxItems, 'minItems', 'maxItems')
      if (!items) return undefined
      const spec: PropertySpec = { type, ...base, items }
      if (minItems !== undefined) spec.minItems = minItems
      if (maxItems !== undefined) spec.maxItems = maxItems
      return spec
    }
    case 'object': {
      if (map.properties === undefined) {
        missing(ctx, path, 'properties', 'list the fields of the object under `properties:`')
        return undefined
      }
      return { type, ...base, properties: readProperties(ctx, map.properties, [...path, 'properties'], false) }
    }
  }
}

/** Reads a `properties:` mapping. Top-level properties may not reuse the fields every line carries. */
export function readProperties(ctx: ReadContext, value: unknown, path: Path, topLevel: boolean): Record<string, PropertySpec> {
  const out = dict<PropertySpec>()
  if (value === undefined) return out
  const map = readMap(ctx, value, path, 'a mapping of property name to spec')
  if (!map) return out
  for (const [name, raw] of Object.entries(map)) {
    const at = [...path, name]
    if (!PROPERTY_NAME.test(name)) {
      ctx.report.error(
        ctx.source,
        at,
        'LC_INVALID_PROPERTY_NAME',
        `property name \`${name}\` in ${pathText(path)} is not an identifier; use letters, digits and _ (e.g. \`${name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(\d)/, '_$1')}\`)`,
        'key',
      )
      continue
    }
    if (reportPrototypeName(ctx, { name, path: at, what: 'property', style: 'camel', suffix: 'field' })) continue
    if (topLevel && (RESERVED_FIELDS as readonly string[]).includes(name)) {
      ctx.report.error(
        ctx.source,
        at,
        'LC_RESERVED_PROPERTY',
        `property \`${name}\` in ${pathText(path)} collides with the \`${name}\` field every line carries; rename it (reserved: ${RESERVED_FIELDS.join(', ')})`,
        'key',
      )
      continue
    }
    const spec = readProperty(ctx, raw, at)
    if (spec) out[name] = spec
  }
  return out
}
