/**
 * Two property maps of one event (or of one nested object) compared:
 * additions, removals, probable renames, type changes, then the constraints of
 * each property present on both sides, recursing into objects and array items.
 */
import type { PropertySpec } from '../compiled.js'
import type { DiagnosticPath } from '../diagnostics.js'
import { compareConstraints, type PropertyContext } from './constraints.js'
import { pairRenames } from './renames.js'
import type { CatalogChange } from './types.js'

interface Level {
  event: string
  /** display prefix: `` at the top, `customer.` inside an object, `items[].` inside a list of objects */
  prefix: string
  /** YAML path of the `properties` mapping */
  path: DiagnosticPath
}

function typeText(spec: PropertySpec): string {
  return spec.type === 'array' ? `array of ${typeText(spec.items)}` : spec.type
}

function added(level: Level, name: string, spec: PropertySpec): CatalogChange {
  const property = `${level.prefix}${name}`
  const path = [...level.path, name]
  if (spec.optional === true)
    return {
      impact: 'addition',
      code: 'property_added',
      event: level.event,
      property,
      message: `\`${level.event}\` has a new optional property \`${property}\` (${typeText(spec)})`,
      path,
      side: 'current',
    }
  return {
    impact: 'breaking',
    code: 'required_property_added',
    event: level.event,
    property,
    message: `\`${level.event}\` has a new required property \`${property}\` (${typeText(spec)}): every call site must pass it, or mark it \`optional: true\``,
    path,
    side: 'current',
  }
}

function removed(level: Level, name: string): CatalogChange {
  const property = `${level.prefix}${name}`
  return {
    impact: 'breaking',
    code: 'property_removed',
    event: level.event,
    property,
    message: `\`${level.event}\` no longer has \`${property}\`: call sites passing it fail to compile and consumers lose the field`,
    path: [...level.path, name],
    side: 'base',
  }
}

function renamed(level: Level, from: string, to: string, spec: PropertySpec): CatalogChange {
  const property = `${level.prefix}${to}`
  return {
    impact: 'breaking',
    code: 'property_renamed',
    event: level.event,
    property,
    message: `\`${level.event}.${level.prefix}${from}\` was removed and \`${property}\` (${typeText(spec)}) added: probably a rename; call sites and consumers must use the new name`,
    path: [...level.path, to],
    side: 'current',
  }
}

function typeChanged(ctx: PropertyContext, before: PropertySpec, after: PropertySpec): CatalogChange {
  return {
    impact: 'breaking',
    code: 'type_changed',
    event: ctx.event,
    property: ctx.property,
    message: `\`${ctx.event}.${ctx.property}\` changed type from ${typeText(before)} to ${typeText(after)}`,
    path: [...ctx.path, 'type'],
    side: 'current',
  }
}

/** One property present on both sides. */
function compareProperty(ctx: PropertyContext, before: PropertySpec, after: PropertySpec): CatalogChange[] {
  if (before.type !== after.type) return [typeChanged(ctx, before, after)]
  const out = compareConstraints(ctx, before, after)
  if (before.type === 'object' && after.type === 'object') {
    out.push(...compareProperties({ event: ctx.event, prefix: `${ctx.property}.`, path: [...ctx.path, 'properties'] }, before.properties, after.properties))
  }
  if (before.type === 'array' && after.type === 'array') {
    const items: PropertyContext = { event: ctx.event, property: `${ctx.property}[]`, path: [...ctx.path, 'items'] }
    out.push(...compareItems(items, before.items, after.items))
  }
  return out
}

/** Array items: same rules as a property, except that `optional` means nothing there. */
function compareItems(ctx: PropertyContext, before: PropertySpec, after: PropertySpec): CatalogChange[] {
  if (before.type !== after.type) return [typeChanged(ctx, before, after)]
  return compareProperty(ctx, { ...before, optional: true }, { ...after, optional: true })
}

export function compareProperties(level: Level, before: Record<string, PropertySpec>, after: Record<string, PropertySpec>): CatalogChange[] {
  const beforeNames = Object.keys(before)
  const afterNames = Object.keys(after)
  const gone = beforeNames.filter((name) => !Object.hasOwn(after, name))
  const fresh = afterNames.filter((name) => !Object.hasOwn(before, name))
  const renames = pairRenames(gone, fresh, before, after)
  const renamedFrom = new Set(renames.map((r) => r.from))
  const renamedTo = new Set(renames.map((r) => r.to))
  const out: CatalogChange[] = []
  for (const name of gone) if (!renamedFrom.has(name)) out.push(removed(level, name))
  for (const pair of renames) out.push(renamed(level, pair.from, pair.to, after[pair.to] as PropertySpec))
  for (const name of afterNames) {
    const spec = after[name] as PropertySpec
    const old = before[name]
    if (old === undefined) {
      if (!renamedTo.has(name)) out.push(added(level, name, spec))
      continue
    }
    out.push(...compareProperty({ event: level.event, property: `${level.prefix}${name}`, path: [...level.path, name] }, old, spec))
  }
  return out
}

export function compareEventProperties(event: string, before: Record<string, PropertySpec>, after: Record<string, PropertySpec>): CatalogChange[] {
  return compareProperties({ event, prefix: '', path: ['events', event, 'properties'] }, before, after)
}
