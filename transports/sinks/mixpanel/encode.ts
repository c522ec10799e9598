/**
 * line -> Mixpanel event:
 * `{ event, properties: { ...properties, ...context, service, env, time, distinct_id, $insert_id } }`.
 * Only analytics and cost events go to Mixpanel; other lines encode to null (nothing is sent).
 */
import { createHash } from 'node:crypto'
import type { CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { LineEncodeError } from '../http/errors.js'
import { lineProperties } from '../http/line-fields.js'

export interface MixpanelEvent {
  event: string
  properties: {
    time: number
    distinct_id: string
    $insert_id: string
    [property: string]: unknown
  }
}

const MIXPANEL_KINDS = new Set(['analytics', 'cost'])
const INSERT_ID = /^[A-Za-z0-9-]{1,36}$/

/** Mixpanel takes `$insert_id` of at most 36 letters, digits or dashes; a UUID fits, anything else is hashed to fit. */
export function insertIdFor(eventId: string): string {
  return INSERT_ID.test(eventId) ? eventId : createHash('sha256').update(eventId).digest('hex').slice(0, 36)
}

/**
 * The event's `distinctId` field (a property or context field), else the line's `userId`, else `''`:
 * Mixpanel accepts an empty distinct_id for events tied to no user (they stay out of per-user reports).
 */
export function distinctIdFor(line: LogLine, catalog: CompiledCatalog): string {
  const field = line.event ? catalog.events[line.event]?.distinctId : undefined
  for (const value of [field ? line[field] : undefined, line.userId]) {
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }
  return ''
}

export function createMixpanelEncoder(destination: string, catalog: CompiledCatalog): (line: LogLine) => MixpanelEvent | null {
  return (line) => {
    if (!line.event) return null
    const kind = catalog.events[line.event]?.kind ?? line.kind
    if (kind === undefined || !MIXPANEL_KINDS.has(kind)) return null
    const time = Date.parse(line.time)
    if (Number.isNaN(time)) throw new LineEncodeError(destination, line.eventId, `time "${line.time}" is not an ISO 8601 date`)
    // the fresh object lineProperties returns is filled in place: no spread, no second copy
    const properties = lineProperties(line) as MixpanelEvent['properties']
    properties.time = time
    properties.distinct_id = distinctIdFor(line, catalog)
    properties.$insert_id = insertIdFor(line.eventId)
    if (line.service !== undefined) properties.service = line.service
    if (line.env !== undefined) properties.env = line.env
    return { event: line.event, properties }
  }
}
