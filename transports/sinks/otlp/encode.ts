/**
 * line -> one OTLP LogRecord, encoded once (protobuf bytes or OTLP/JSON text)
 * so that a batch is its records joined under their resource:
 *
 *   time_unix_nano           the line's time
 *   observed_time_unix_nano  when the sink encoded it
 *   severity_number/_text    the line's level (trace 1, debug 5, info 9, warn 13, error 17, fatal 21)
 *   body                     msg (a string)
 *   event_name               the line's event
 *   trace_id / span_id       traceId / spanId (or trace_id / span_id) when they are valid hex ids
 *   attributes               every other field of the line, eventId included; objects become
 *                            kvlists, arrays array values, integers int values, other numbers doubles
 *
 * `service` and `env` are the resource's `service.name` and `deployment.environment`
 * (settings override them) and are not repeated as attributes.
 */
import { LEVEL_VALUES, type Level } from '../../../core/level.js'
import type { LogLine } from '../../worker/delivery/types.js'
import type { OtlpProtocol, OtlpSettings } from './config.js'
import { ProtoWriter } from './wire.js'

/** The resource a record belongs to; records of one resource share one ResourceLogs. */
export interface OtlpResource {
  readonly key: string
  readonly attributes: Readonly<Record<string, string>>
}

export interface OtlpItem {
  readonly resource: OtlpResource
  /** an encoded LogRecord: protobuf bytes, or its OTLP/JSON text */
  readonly record: Buffer | string
}

const SEVERITY: Readonly<Record<Level, number>> = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 }

/** Fields that have a place of their own in the record or its resource. */
const OWN_PLACE: ReadonlySet<string> = new Set(['level', 'time', 'msg', 'service', 'env', 'v'])

const TRACE_ID = /^[0-9a-f]{32}$/i
const SPAN_ID = /^[0-9a-f]{16}$/i
const ZERO_ID = /^0+$/

interface TraceIds {
  traceId?: string
  spanId?: string
}

/** The valid trace and span ids of a line, lower-case hex; invalid ones stay plain attributes. */
function traceIdsOf(line: LogLine): TraceIds {
  const ids: TraceIds = {}
  const trace = line.traceId ?? line.trace_id
  const span = line.spanId ?? line.span_id
  if (typeof trace === 'string' && TRACE_ID.test(trace) && !ZERO_ID.test(trace)) ids.traceId = trace.toLowerCase()
  if (typeof span === 'string' && SPAN_ID.test(span) && !ZERO_ID.test(span)) ids.spanId = span.toLowerCase()
  return ids
}

function isIdField(key: string, ids: TraceIds): boolean {
  if (key === 'traceId' || key === 'trace_id') return ids.traceId !== undefined
  if (key === 'spanId' || key === 'span_id') return ids.spanId !== undefined
  return false
}

function unixNanos(time: unknown): bigint {
  const ms = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : Number.NaN
  return BigInt(Number.isFinite(ms) ? Math.trunc(ms) : Date.now()) * 1_000_000n
}

// ---- protobuf (opentelemetry/proto/logs/v1/logs.proto, common/v1/common.proto)

function writeAnyValue(w: ProtoWriter, field: number, value: unknown): void {
  const at = w.fork(field)
  if (typeof value === 'string') w.string(1, value)
  else if (typeof value === 'boolean') w.bool(2, value)
  else if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) w.int64(3, value)
    else w.double(4, value)
  } else if (Array.isArray(value)) {
    const list = w.fork(5)
    for (const item of value) writeAnyValue(w, 1, item)
    w.close(list)
  } else if (typeof value === 'object' && value !== null) {
    const kvlist = w.fork(6)
    for (const key in value) writeKeyValue(w, 1, key, (value as Record<string, unknown>)[key])
    w.close(kvlist)
  }
  // null: an AnyValue with no value set, as the specification writes an empty value
  w.close(at)
}

function writeKeyValue(w: ProtoWriter, field: number, key: string, value: unknown): void {
  if (value === undefined) return
  const at = w.fork(field)
  w.string(1, key)
  writeAnyValue(w, 2, value)
  w.close(at)
}

function protobufRecord(line: LogLine, ids: TraceIds, observed: bigint): Buffer {
  const w = new ProtoWriter()
  w.fixed64(1, unixNanos(line.time))
  w.fixed64(11, observed)
  w.uint(2, SEVERITY[line.level] ?? 0)
  w.string(3, line.level)
  if (typeof line.msg === 'string') writeAnyValue(w, 5, line.msg)
  for (const key in line) {
    if (OWN_PLACE.has(key) || isIdField(key, ids)) continue
    writeKeyValue(w, 6, key, line[key])
  }
  if (ids.traceId !== undefined) w.bytes(9, Buffer.from(ids.traceId, 'hex'))
  if (ids.spanId !== undefined) w.bytes(10, Buffer.from(ids.spanId, 'hex'))
  if (typeof line.event === 'string') w.string(12, line.event)
  return w.finish()
}

/** A resource's attributes as a protobuf Resource message (field 1 of ResourceLogs). */
export function writeResource(w: ProtoWriter, resource: OtlpResource): void {
  const at = w.fork(1)
  for (const [key, value] of Object.entries(resource.attributes)) writeKeyValue(w, 1, key, value)
  w.close(at)
}

// ---- OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): lowerCamelCase
// field names, 64-bit integers as decimal strings, enums as numbers, trace and span ids as hex

export type JsonAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: JsonAnyValue[] } }
  | { kvlistValue: { values: JsonKeyValue[] } }
  | Record<string, never>

export interface JsonKeyValue {
  key: string
  value: JsonAnyValue
}

export function jsonAnyValue(value: unknown): JsonAnyValue {
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(jsonAnyValue) } }
  if (typeof value === 'object' && value !== null) return { kvlistValue: { values: jsonKeyValues(value as Record<string, unknown>) } }
  return {}
}

export function jsonKeyValues(fields: Readonly<Record<string, unknown>>, skip?: (key: string) => boolean): JsonKeyValue[] {
  const out: JsonKeyValue[] = []
  for (const key in fields) {
    const value = fields[key]
    if (value === undefined || skip?.(key)) continue
    out.push({ key, value: jsonAnyValue(value) })
  }
  return out
}

function jsonRecord(line: LogLine, ids: TraceIds, observed: bigint): string {
  const record: Record<string, unknown> = {
    timeUnixNano: String(unixNanos(line.time)),
    observedTimeUnixNano: String(observed),
    severityNumber: SEVERITY[line.level] ?? 0,
    severityText: line.level,
  }
  if (typeof line.msg === 'string') record.body = { stringValue: line.msg }
  record.attributes = jsonKeyValues(line, (key) => OWN_PLACE.has(key) || isIdField(key, ids))
  if (ids.traceId !== undefined) record.traceId = ids.traceId
  if (ids.spanId !== undefined) record.spanId = ids.spanId
  if (typeof line.event === 'string') record.eventName = line.event
  return JSON.stringify(record)
}

// ---- the encoder

export type OtlpEncode = (line: LogLine) => OtlpItem

/** One encoder per destination; resources are built once per service/environment pair. */
export function createOtlpEncoder(settings: Pick<OtlpSettings, 'protocol' | 'serviceName' | 'environment'>): OtlpEncode {
  const resources = new Map<string, OtlpResource>()
  const resourceOf = (line: LogLine): OtlpResource => {
    const service = settings.serviceName ?? (typeof line.service === 'string' ? line.service : 'unknown_service')
    const environment = settings.environment ?? (typeof line.env === 'string' ? line.env : undefined)
    const key = environment === undefined ? service : `${service}\n${environment}`
    let resource = resources.get(key)
    if (resource === undefined) {
      const attributes: Record<string, string> = { 'service.name': service }
      if (environment !== undefined) {
        attributes['deployment.environment'] = environment
        attributes['deployment.environment.name'] = environment
      }
      resource = { key, attributes }
      resources.set(key, resource)
    }
    return resource
  }
  const encodeRecord = recordEncoder(settings.protocol)
  return (line) => {
    if (LEVEL_VALUES[line.level] === undefined) line = { ...line, level: 'info' }
    const record = encodeRecord(line, traceIdsOf(line), BigInt(Date.now()) * 1_000_000n)
    return { resource: resourceOf(line), record }
  }
}

function recordEncoder(protocol: OtlpProtocol): (line: LogLine, ids: TraceIds, observed: bigint) => Buffer | string {
  return protocol === 'http/json' ? jsonRecord : protobufRecord
}
