/** `destinations:` and `routes:`. */
import { DESTINATION_KINDS, LEVELS, SEVERITIES, type DestinationKind, type DestinationSpec } from '../compiled.js'
import { pathText } from '../diagnostics.js'
import { parseTemplate } from '../env.js'
import { parseTableName } from '../sql/identifier.js'
import { dict } from '../dict.js'
import { suggestion } from '../suggest.js'
import { reportPrototypeName } from './prototype-names.js'
import { readChoice, readMap, readStringList, wrongType, type Path, type ReadContext } from './values.js'

/** Destination names: letters, digits, `_` and `-`, starting with a letter. */
export const DESTINATION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/

/** Reports malformed `${...}` templates in a string setting, at any depth. */
export function checkTemplates(ctx: ReadContext, value: unknown, path: Path): void {
  if (typeof value === 'string') {
    for (const problem of parseTemplate(value).problems) {
      ctx.report.error(ctx.source, path, 'LC_INVALID_TEMPLATE', `${pathText(path)}: ${problem.message}`)
    }
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkTemplates(ctx, item, [...path, index]))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkTemplates(ctx, item, [...path, key])
  }
}

/**
 * The audit_log `table` becomes SQL: a written name (or the default of a
 * `${VAR:-name}` template) must be a plain or schema-qualified identifier.
 * A name that only the environment supplies is checked when the sink starts.
 */
function checkAuditTable(ctx: ReadContext, value: unknown, path: Path): void {
  if (value === undefined) return
  if (typeof value !== 'string') {
    wrongType(ctx, path, 'a table name such as `audit_log` or `audit.audit_log`', value)
    return
  }
  const { references } = parseTemplate(value)
  const whole = /^\$\{[^}]*\}$/.test(value)
  const written = references.length === 0 ? value : whole ? references[0]?.fallback : undefined
  if (written === undefined || written === '') return
  try {
    parseTableName(written)
  } catch (error) {
    ctx.report.error(ctx.source, path, 'LC_INVALID_TABLE_NAME', `${pathText(path)}: ${(error as Error).message}`)
  }
}

function isDestinationKind(value: string): value is DestinationKind {
  return (DESTINATION_KINDS as readonly string[]).includes(value)
}

function readDestination(ctx: ReadContext, name: string, value: unknown, path: Path): DestinationSpec | undefined {
  const map = readMap(ctx, value, path, 'a mapping such as `{ kind: sentry, dsn: "${SENTRY_DSN}" }`')
  if (!map) return undefined
  let kind: DestinationKind | undefined
  const rawKind = map.kind
  if (rawKind === undefined) {
    if (isDestinationKind(name)) kind = name
    else
      ctx.report.error(
        ctx.source,
        path,
        'LC_MISSING_FIELD',
        `destination \`${name}\` needs \`kind\`: one of ${DESTINATION_KINDS.join(', ')}`,
        'key',
      )
  } else {
    kind = readChoice(ctx, map, path, 'kind', DESTINATION_KINDS, 'LC_UNKNOWN_DESTINATION_KIND')
  }
  const level = readChoice(ctx, map, path, 'level', LEVELS)
  const settings: Record<string, unknown> = {}
  for (const [key, setting] of Object.entries(map)) {
    if (key === 'kind' || key === 'level') continue
    checkTemplates(ctx, setting, [...path, key])
    // a data property even for `__proto__`: the sink's settings check reports keys it does not know
    Object.defineProperty(settings, key, { value: setting, enumerable: true, writable: true, configurable: true })
  }
  if (kind === 'audit_log') checkAuditTable(ctx, settings.table, [...path, 'table'])
  if (kind === undefined) return undefined
  return level === undefined ? { kind, settings } : { kind, level, settings }
}

export interface ReadDestinations {
  destinations: Record<string, DestinationSpec>
  /** declared, but unusable for a reason already reported (unknown kind, bad name): references to them report nothing more */
  unusable: string[]
}

export function readDestinations(ctx: ReadContext, value: unknown): ReadDestinations {
  const out: ReadDestinations = { destinations: dict<DestinationSpec>(), unusable: [] }
  if (value === undefined) return out
  const map = readMap(ctx, value, ['destinations'], 'a mapping of destination name to `{ kind, ...settings }`')
  if (!map) return out
  for (const [name, raw] of Object.entries(map)) {
    const path = ['destinations', name]
    const spec = validDestinationName(ctx, name, path) ? readDestination(ctx, name, raw, path) : undefined
    if (spec) out.destinations[name] = spec
    else out.unusable.push(name)
  }
  return out
}

function validDestinationName(ctx: ReadContext, name: string, path: Path): boolean {
  if (reportPrototypeName(ctx, { name, path, what: 'destination', style: 'snake', suffix: 'destination' })) return false
  if (DESTINATION_NAME.test(name)) return true
  ctx.report.error(
    ctx.source,
    path,
    'LC_INVALID_DESTINATION_NAME',
    `destination name \`${name}\` must start with a letter and use letters, digits, _ and -`,
    'key',
  )
  return false
}

export const ROUTE_KEYS: readonly string[] = [...LEVELS, ...SEVERITIES]

/** `routes:` keys are levels (that level and above) or severities `p0`..`p3`. */
export function readRoutes(ctx: ReadContext, value: unknown): Record<string, string[]> {
  const out = dict<string[]>()
  if (value === undefined) return out
  const map = readMap(ctx, value, ['routes'], 'a mapping of level or severity to destinations')
  if (!map) return out
  for (const key of Object.keys(map)) {
    if (!ROUTE_KEYS.includes(key)) {
      ctx.report.error(
        ctx.source,
        ['routes', key],
        'LC_UNKNOWN_ROUTE',
        `unknown route \`${key}\`: route by level (${LEVELS.join(', ')}) or severity (${SEVERITIES.join(', ')})${suggestion(key, ROUTE_KEYS, 0)}`,
        'key',
      )
      continue
    }
    out[key] = readStringList(ctx, map, ['routes'], key) ?? []
  }
  return out
}
