/**
 * One routed line -> one audit_log row, as the event's `audit` mapping says.
 * The per-event mapping is compiled once; encoding a line is a few lookups.
 */
import type { CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { AuditLogLineError, AuditLogMisroutedError } from './errors.js'

/** A row of the audit_log table (column names as in schema/sql/audit_log.sql). */
export interface AuditRow {
  /** the line's eventId: replays never add a second row */
  id: string
  /** ISO 8601, the line's time */
  created_at: string
  user_id: string | null
  action: string
  resource_type: string | null
  resource_id: string | null
  request_id: string | null
  metadata: Record<string, unknown>
}

interface EventMapping {
  action: string
  resourceType: string
  resourceIdField: string | undefined
  distinctIdField: string | undefined
}

/** Fields of the line that never go into metadata: pino's envelope and the ones with a column of their own. */
const ENVELOPE = new Set(['level', 'time', 'msg', 'eventId', 'requestId', 'pid', 'hostname'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ROW_KINDS = new Set(['cost', 'audit'])

function compileMappings(catalog: CompiledCatalog): Map<string, EventMapping> {
  const mappings = new Map<string, EventMapping>()
  for (const [name, event] of Object.entries(catalog.events)) {
    // cost and audit events always; any other event when the catalog gives it an `audit:` mapping
    if (!ROW_KINDS.has(event.kind) && event.audit === undefined) continue
    mappings.set(name, {
      action: event.audit?.action ?? name,
      resourceType: event.audit?.resourceType ?? event.kind,
      resourceIdField: event.audit?.resourceId,
      distinctIdField: event.distinctId,
    })
  }
  return mappings
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

function rowTime(time: unknown): string {
  if (typeof time === 'number' && Number.isFinite(time)) return new Date(time).toISOString()
  if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) return time
  throw new AuditLogLineError(`time ${JSON.stringify(time)} is not an ISO 8601 timestamp`)
}

/** Builds the encoder for a catalog; throws AuditLogMisroutedError / AuditLogLineError for a line that cannot be a row. */
export function createEncoder(catalog: CompiledCatalog): (line: LogLine) => AuditRow {
  const mappings = compileMappings(catalog)
  return (line) => {
    const event = line.event
    const mapping = event === undefined ? undefined : mappings.get(event)
    if (mapping === undefined) {
      const kind = event === undefined ? line.kind : (catalog.events[event]?.kind ?? line.kind)
      throw new AuditLogMisroutedError(event, kind)
    }
    if (typeof line.eventId !== 'string' || !UUID.test(line.eventId)) {
      throw new AuditLogLineError(`eventId ${JSON.stringify(line.eventId)} is not a UUID`)
    }
    const consumed = new Set<string>()
    let userId: string | null = null
    if (mapping.distinctIdField !== undefined) {
      userId = asText(line[mapping.distinctIdField])
      if (userId !== null) consumed.add(mapping.distinctIdField)
    }
    if (userId === null) {
      userId = asText(line.userId)
      if (userId !== null) consumed.add('userId')
    }
    let resourceId: string | null = null
    if (mapping.resourceIdField !== undefined) {
      // the field stays in metadata too: queries read properties such as `model` from there
      resourceId = asText(line[mapping.resourceIdField])
    }
    const metadata: Record<string, unknown> = {}
    for (const key of Object.keys(line)) {
      if (ENVELOPE.has(key) || consumed.has(key)) continue
      const value = line[key]
      if (value !== undefined) metadata[key] = value
    }
    return {
      id: line.eventId,
      created_at: rowTime(line.time),
      user_id: userId,
      action: mapping.action,
      resource_type: mapping.resourceType,
      resource_id: resourceId,
      request_id: asText(line.requestId),
      metadata,
    }
  }
}
