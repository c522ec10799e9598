/**
 * Names no catalog entry may take: the members every JavaScript object has
 * (Object.prototype). As a property or context field they vanish (`__proto__`
 * sets the prototype of the object it is written into) or clash with the
 * inherited member in the generated types (`constructor`, `toString`); as an
 * event or flag whose helper is `toString` or `valueOf` they would shadow a
 * member of `log.emit`. The loader reports them with the name to use instead.
 */
import { pathText } from '../diagnostics.js'
import type { Path, ReadContext } from './values.js'

export const PROTOTYPE_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]

const NAMES: ReadonlySet<string> = new Set(PROTOTYPE_NAMES)

export function isPrototypeName(name: string): boolean {
  return NAMES.has(name)
}

/** How the replacement is spelled: `camel` for properties and context fields, `snake` for events and the rest. */
export type NameStyle = 'camel' | 'snake'

/** `__proto__` -> `protoField` / `proto_field`; `toString` -> `toStringField` / `to_string_field`. */
export function renameFor(name: string, style: NameStyle, suffix: string): string {
  const bare = name.replace(/^_+|_+$/g, '')
  if (style === 'camel') return `${bare}${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}`
  return `${bare.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}_${suffix}`
}

export interface PrototypeNameCheck {
  /** the catalog name as written */
  name: string
  /** the identifier it generates, when that is what clashes (an event's helper) */
  generated?: string
  path: Path
  /** `property`, `context field`, `event` ... */
  what: string
  style: NameStyle
  /** the word the replacement ends with: `field`, `event` ... */
  suffix: string
  /** where the diagnostic points: the key (a mapping entry) or the value (a list item) */
  anchor?: 'key' | 'value'
}

/** Reports `LC_RESERVED_NAME` when the name (or what it generates) is an Object.prototype member; true when reported. */
export function reportPrototypeName(ctx: ReadContext, check: PrototypeNameCheck): boolean {
  const clash = isPrototypeName(check.name) ? check.name : check.generated !== undefined && isPrototypeName(check.generated) ? check.generated : undefined
  if (clash === undefined) return false
  const via = clash === check.name ? '' : ` (its helper is \`${clash}\`)`
  ctx.report.error(
    ctx.source,
    check.path,
    'LC_RESERVED_NAME',
    `${check.what} \`${check.name}\`${via} in ${pathText(check.path.slice(0, -1)) || 'the catalog'} is a name every JavaScript object already has ` +
      `(Object.prototype.${clash}); rename it, e.g. \`${renameFor(check.name, check.style, check.suffix)}\``,
    check.anchor ?? 'key',
  )
  return true
}
