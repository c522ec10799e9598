/**
 * Constraints of one property whose type did not change: each bound, pattern,
 * format, enum value and optional flag compared on its own. A bound that lets
 * fewer values through is narrowed (breaking); one that lets more through is
 * widened (an addition).
 */
import type { PropertySpec } from '../compiled.js'
import type { DiagnosticPath } from '../diagnostics.js'
import type { CatalogChange } from './types.js'

export interface PropertyContext {
  event: string
  /** display path: `customer.email` */
  property: string
  /** YAML path of the property spec */
  path: DiagnosticPath
}

type Bound = 'lower' | 'upper'

interface BoundKey {
  key: 'min' | 'max' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems'
  bound: Bound
}

const STRING_BOUNDS: readonly BoundKey[] = [
  { key: 'minLength', bound: 'lower' },
  { key: 'maxLength', bound: 'upper' },
]
const NUMBER_BOUNDS: readonly BoundKey[] = [
  { key: 'min', bound: 'lower' },
  { key: 'max', bound: 'upper' },
]
const ARRAY_BOUNDS: readonly BoundKey[] = [
  { key: 'minItems', bound: 'lower' },
  { key: 'maxItems', bound: 'upper' },
]

function show(value: number | string | undefined): string {
  return value === undefined ? 'none' : typeof value === 'string' ? `\`${value}\`` : String(value)
}

function constraint(ctx: PropertyContext, key: string, narrowed: boolean, before: number | string | undefined, after: number | string | undefined): CatalogChange {
  const what = `\`${ctx.event}.${ctx.property}\` ${key} ${show(before)} -> ${show(after)}`
  return narrowed
    ? {
        impact: 'breaking',
        code: 'constraint_narrowed',
        event: ctx.event,
        property: ctx.property,
        message: `${what}: narrowed, values valid before may now be rejected`,
        path: [...ctx.path, key],
        side: 'current',
      }
    : {
        impact: 'addition',
        code: 'constraint_widened',
        event: ctx.event,
        property: ctx.property,
        message: `${what}: widened`,
        path: [...ctx.path, key],
        side: 'current',
      }
}

/** Narrowed when a bound appears, or a lower bound rises, or an upper bound falls. */
function compareBound(ctx: PropertyContext, spec: BoundKey, before: number | undefined, after: number | undefined): CatalogChange[] {
  if (before === after) return []
  let narrowed: boolean
  if (before === undefined) narrowed = true
  else if (after === undefined) narrowed = false
  else narrowed = spec.bound === 'lower' ? after > before : after < before
  return [constraint(ctx, spec.key, narrowed, before, after)]
}

/** Any pattern or format that was not there, or a different one, rejects values that passed before. */
function compareText(ctx: PropertyContext, key: 'pattern' | 'format', before: string | undefined, after: string | undefined): CatalogChange[] {
  if (before === after) return []
  return [constraint(ctx, key, after !== undefined, before, after)]
}

function bounds(spec: PropertySpec): readonly BoundKey[] {
  if (spec.type === 'string') return STRING_BOUNDS
  if (spec.type === 'integer' || spec.type === 'number') return NUMBER_BOUNDS
  if (spec.type === 'array') return ARRAY_BOUNDS
  return []
}

function boundValue(spec: PropertySpec, key: BoundKey['key']): number | undefined {
  const value = (spec as unknown as Record<string, unknown>)[key]
  return typeof value === 'number' ? value : undefined
}

function compareEnum(ctx: PropertyContext, before: readonly string[], after: readonly string[]): CatalogChange[] {
  const out: CatalogChange[] = []
  before.forEach((value, index) => {
    if (after.includes(value)) return
    out.push({
      impact: 'breaking',
      code: 'enum_value_removed',
      event: ctx.event,
      property: ctx.property,
      message: `\`${ctx.event}.${ctx.property}\` no longer accepts \`${value}\`: callers passing it fail validation`,
      path: [...ctx.path, 'values', index],
      side: 'base',
    })
  })
  after.forEach((value, index) => {
    if (before.includes(value)) return
    out.push({
      impact: 'addition',
      code: 'enum_value_added',
      event: ctx.event,
      property: ctx.property,
      message: `\`${ctx.event}.${ctx.property}\` accepts the new value \`${value}\``,
      path: [...ctx.path, 'values', index],
      side: 'current',
    })
  })
  return out
}

function compareOptional(ctx: PropertyContext, before: PropertySpec, after: PropertySpec): CatalogChange[] {
  const wasOptional = before.optional === true
  const isOptional = after.optional === true
  if (wasOptional === isOptional) return []
  if (isOptional)
    return [
      {
        impact: 'addition',
        code: 'made_optional',
        event: ctx.event,
        property: ctx.property,
        message: `\`${ctx.event}.${ctx.property}\` is optional now`,
        path: [...ctx.path, 'optional'],
        side: 'current',
      },
    ]
  return [
    {
      impact: 'breaking',
      code: 'made_required',
      event: ctx.event,
      property: ctx.property,
      message: `\`${ctx.event}.${ctx.property}\` is required now: every call site must pass it`,
      path: ctx.path,
      side: 'current',
    },
  ]
}

function comparePii(ctx: PropertyContext, before: PropertySpec, after: PropertySpec): CatalogChange[] {
  if (before.pii === after.pii) return []
  return [
    {
      impact: 'change',
      code: 'pii_changed',
      event: ctx.event,
      property: ctx.property,
      message: `\`${ctx.event}.${ctx.property}\` pii ${before.pii ?? 'none'} -> ${after.pii ?? 'none'}: destinations receive it differently from now on`,
      path: after.pii === undefined ? ctx.path : [...ctx.path, 'pii'],
      side: 'current',
    },
  ]
}

/** Everything but nested properties and array items (the caller recurses into those). */
export function compareConstraints(ctx: PropertyContext, before: PropertySpec, after: PropertySpec): CatalogChange[] {
  const out: CatalogChange[] = [...compareOptional(ctx, before, after)]
  for (const spec of bounds(after)) out.push(...compareBound(ctx, spec, boundValue(before, spec.key), boundValue(after, spec.key)))
  if (before.type === 'string' && after.type === 'string') {
    out.push(...compareText(ctx, 'pattern', before.pattern, after.pattern))
    out.push(...compareText(ctx, 'format', before.format, after.format))
  }
  if (before.type === 'enum' && after.type === 'enum') out.push(...compareEnum(ctx, before.values, after.values))
  out.push(...comparePii(ctx, before, after))
  return out
}
