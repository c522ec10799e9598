/** One entry under `events:`. */
import { EVENT_KINDS, LEVELS, SEVERITIES, type AuditMapping } from '../compiled.js'
import { helperName } from '../define.js'
import { dict } from '../dict.js'
import type { EventModel } from '../model.js'
import { reportPrototypeName } from './prototype-names.js'
import { readProperties } from './property.js'
import { readRuntimes } from './runtimes.js'
import {
  checkKeys,
  missing,
  readChoice,
  readMap,
  readNumber,
  readString,
  readStringList,
  wrongType,
  type Path,
  type ReadContext,
} from './values.js'

export const EVENT_KEYS = [
  'kind',
  'description',
  'owner',
  'level',
  'severity',
  'distinctId',
  'message',
  'properties',
  'to',
  'version',
  'deprecated',
  'sample',
  'audit',
  'runtimes',
] as const

const AUDIT_KEYS = ['action', 'resourceType', 'resourceId'] as const

/** Event and flag names: snake_case starting with a letter. */
export const EVENT_NAME = /^[a-z][a-z0-9_]*$/

/** Event, flag and alert names: snake_case, and not a name every object has (nor, for events and flags, their helper). */
export function checkName(ctx: ReadContext, name: string, path: Path, what: string, example: string): void {
  const generated = what === 'alert' ? undefined : helperName(name)
  if (reportPrototypeName(ctx, { name, path, what, style: 'snake', suffix: what, ...(generated !== undefined ? { generated } : {}) })) return
  if (EVENT_NAME.test(name)) return
  const fixed = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
  ctx.report.error(
    ctx.source,
    path,
    'LC_INVALID_EVENT_NAME',
    `${what} name \`${name}\` must be snake_case (lowercase letters, digits and _, starting with a letter), e.g. \`${fixed || example}\``,
    'key',
  )
}

function readAudit(ctx: ReadContext, value: unknown, path: Path): AuditMapping | undefined {
  const map = readMap(ctx, value, path, 'a mapping `{ action, resourceType, resourceId }`')
  if (!map) return undefined
  checkKeys(ctx, map, path, AUDIT_KEYS, 'audit')
  const action = readString(ctx, map, path, 'action')
  const resourceType = readString(ctx, map, path, 'resourceType')
  const resourceId = readString(ctx, map, path, 'resourceId')
  if (map.action === undefined) missing(ctx, path, 'action', 'name the audited action, e.g. `action: logo.generate`')
  if (map.resourceType === undefined) missing(ctx, path, 'resourceType', 'name the kind of resource acted on, e.g. `resourceType: brand`')
  if (action === undefined || resourceType === undefined) return undefined
  return resourceId === undefined ? { action, resourceType } : { action, resourceType, resourceId }
}

export function readEvent(ctx: ReadContext, name: string, value: unknown, path: Path, builtin: boolean): EventModel | undefined {
  checkName(ctx, name, path, 'event', 'logo_generated')
  const map = readMap(ctx, value, path, 'a mapping describing the event')
  if (!map) return undefined
  checkKeys(ctx, map, path, EVENT_KEYS, 'event')
  const event: EventModel = {
    name,
    source: ctx.source,
    builtin,
    kind: readChoice(ctx, map, path, 'kind', EVENT_KINDS) ?? 'analytics',
    to: readStringList(ctx, map, path, 'to') ?? [],
    properties: readProperties(ctx, map.properties, [...path, 'properties'], true),
  }
  const description = readString(ctx, map, path, 'description')
  if (description !== undefined) event.description = description
  const owner = readString(ctx, map, path, 'owner')
  if (owner !== undefined) event.owner = owner
  const level = readChoice(ctx, map, path, 'level', LEVELS)
  if (level !== undefined) event.level = level
  const severity = readChoice(ctx, map, path, 'severity', SEVERITIES)
  if (severity !== undefined) event.severity = severity
  const distinctId = readString(ctx, map, path, 'distinctId')
  if (distinctId !== undefined) event.distinctId = distinctId
  const message = readString(ctx, map, path, 'message')
  if (message !== undefined) event.message = message
  const version = readNumber(ctx, map, path, 'version', { integer: true, min: 1 })
  if (version !== undefined) event.version = version
  const sample = readNumber(ctx, map, path, 'sample', { min: 0, max: 1, rangeCode: 'LC_SAMPLE_RANGE' })
  if (sample !== undefined) event.sample = sample
  const deprecated = map.deprecated
  if (typeof deprecated === 'string') event.deprecated = deprecated
  else if (deprecated === true) event.deprecated = 'deprecated'
  else if (deprecated !== undefined && deprecated !== false)
    wrongType(ctx, [...path, 'deprecated'], 'the reason as a string (e.g. "replaced by logo_batch_generated") or true', deprecated)
  if (event.deprecated !== undefined && Object.hasOwn(event.properties, 'deprecated'))
    ctx.report.error(
      ctx.source,
      [...path, 'properties', 'deprecated'],
      'LC_RESERVED_PROPERTY',
      `property \`deprecated\` collides with the \`deprecated: true\` every line of the deprecated event \`${name}\` carries; rename it`,
      'key',
    )
  const runtimes = readRuntimes(ctx, map, path)
  if (runtimes !== undefined && runtimes.length > 0) event.runtimes = runtimes
  if (map.audit !== undefined) {
    const audit = readAudit(ctx, map.audit, [...path, 'audit'])
    if (audit) event.audit = audit
  }
  return event
}

export function readEvents(ctx: ReadContext, value: unknown, builtin: boolean): Record<string, EventModel> {
  const out = dict<EventModel>()
  if (value === undefined) return out
  const map = readMap(ctx, value, ['events'], 'a mapping of event name to event')
  if (!map) return out
  for (const [name, raw] of Object.entries(map)) {
    const event = readEvent(ctx, name, raw, ['events', name], builtin)
    if (event) out[name] = event
  }
  return out
}
