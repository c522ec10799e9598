/** Example values for property specs, for documentation: valid against the spec wherever a value can be derived. */
import type { PropertySpec, StringProperty } from '../compiled.js'

export const EXAMPLE_TIME = '2026-01-01T00:00:00.000Z'
export const EXAMPLE_EVENT_ID = '018f3a4e-7b1c-7d2e-9f3a-4b5c6d7e8f90'
const EXAMPLE_UUID = '3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b'

function fitLength(text: string, spec: StringProperty): string {
  let out = text
  const min = spec.minLength ?? 0
  while (out.length < min) out += 'x'
  if (spec.maxLength !== undefined && out.length > spec.maxLength) out = out.slice(0, spec.maxLength)
  return out
}

function exampleString(spec: StringProperty, name: string): string {
  switch (spec.format) {
    case 'email':
      return 'jane@example.com'
    case 'uuid':
      return EXAMPLE_UUID
    case 'url':
      return 'https://example.com/'
    case 'datetime':
      return EXAMPLE_TIME
    default:
      return fitLength(`example_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`, spec)
  }
}

function clamp(value: number, min: number | undefined, max: number | undefined): number {
  let out = value
  if (min !== undefined && out < min) out = min
  if (max !== undefined && out > max) out = max
  return out
}

/** One example value; `name` is the property's name, used for readable strings. */
export function exampleValue(spec: PropertySpec, name: string): unknown {
  switch (spec.type) {
    case 'string':
      return exampleString(spec, name)
    case 'integer':
      return clamp(42, spec.min === undefined ? undefined : Math.ceil(spec.min), spec.max === undefined ? undefined : Math.floor(spec.max))
    case 'number':
      return clamp(0.5, spec.min, spec.max)
    case 'boolean':
      return true
    case 'enum':
      return spec.values[0] ?? null
    case 'array': {
      const count = clamp(1, spec.minItems, spec.maxItems)
      return Array.from({ length: count }, () => exampleValue(spec.items, name))
    }
    case 'object':
      return exampleObject(spec.properties)
  }
}

/** Example values for every property, optional ones included, in declared order. */
export function exampleObject(properties: Record<string, PropertySpec>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(properties)) out[key] = exampleValue(spec, key)
  return out
}
