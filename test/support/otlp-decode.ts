/**
 * Decodes what an OTLP/HTTP logs receiver gets, with the official protobuf
 * definitions (test/support/opentelemetry-proto, loaded by protobufjs):
 * `application/x-protobuf` bodies are decoded as ExportLogsServiceRequest;
 * `application/json` bodies are checked field by field against the same
 * definitions (OTLP/JSON: lowerCamelCase names, hex trace/span ids) and an
 * unknown field fails the decode. The result is flattened to one plain
 * record per LogRecord for the tests' assertions.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import type { ReceivedRequest } from './http-receiver.js'

const PROTO_ROOT = fileURLToPath(new URL('./opentelemetry-proto/', import.meta.url))

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root()
  root.resolvePath = (_origin, target) => join(PROTO_ROOT, target)
  root.loadSync('opentelemetry/proto/collector/logs/v1/logs_service.proto')
  root.resolveAll()
  return root
}

const root = loadRoot()
export const ExportLogsServiceRequest = root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest')
export const ExportLogsServiceResponse = root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse')

/** One LogRecord as the tests read it. */
export interface DecodedRecord {
  resource: Record<string, unknown>
  scope: string
  timeUnixNano: bigint
  observedTimeUnixNano: bigint
  severityNumber: number
  severityText: string
  body: unknown
  attributes: Record<string, unknown>
  traceId?: string
  spanId?: string
  eventName?: string
}

interface PlainAnyValue {
  stringValue?: string
  boolValue?: boolean
  intValue?: string
  doubleValue?: number
  arrayValue?: { values?: PlainAnyValue[] }
  kvlistValue?: { values?: PlainKeyValue[] }
  bytesValue?: string
}
interface PlainKeyValue {
  key: string
  value?: PlainAnyValue
}

export function anyValue(value: PlainAnyValue | undefined): unknown {
  if (value === undefined) return null
  if (value.stringValue !== undefined) return value.stringValue
  if (value.boolValue !== undefined) return value.boolValue
  if (value.intValue !== undefined) return Number(value.intValue)
  if (value.doubleValue !== undefined) return value.doubleValue
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(anyValue)
  if (value.kvlistValue !== undefined) return keyValues(value.kvlistValue.values)
  return null
}

function keyValues(list: PlainKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const kv of list ?? []) out[kv.key] = anyValue(kv.value)
  return out
}

/**
 * OTLP/JSON -> the object protobufjs takes: every key must be a field of its
 * message in the official definitions; ids are hex in OTLP/JSON, base64 here.
 */
function checkJson(type: protobuf.Type, value: unknown, path: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: expected a JSON object`)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key]
    if (field === undefined) throw new Error(`${path}.${key}: not a field of ${type.fullName}`)
    const check = (v: unknown, at: string): unknown => {
      if (field.resolvedType instanceof protobuf.Type) return checkJson(field.resolvedType, v, at)
      if (field.type === 'bytes') {
        if (typeof v !== 'string' || !/^([0-9a-f]{2})*$/.test(v)) throw new Error(`${at}: ids are lower-case hex in OTLP/JSON`)
        return Buffer.from(v, 'hex').toString('base64')
      }
      return checkScalar(field, v, at)
    }
    out[key] = field.repeated ? (item as unknown[]).map((v, i) => check(v, `${path}.${key}[${i}]`)) : check(item, `${path}.${key}`)
  }
  return out
}

const LONGS = new Set(['int64', 'uint64', 'fixed64', 'sfixed64', 'sint64'])
const INTS = new Set(['int32', 'uint32', 'fixed32', 'sfixed32', 'sint32'])

/** proto3 JSON scalars: 64-bit integers as decimal strings (or numbers), enums as numbers in OTLP/JSON. */
function checkScalar(field: protobuf.Field, v: unknown, at: string): unknown {
  const ok =
    field.resolvedType instanceof protobuf.Enum
      ? Number.isInteger(v)
      : LONGS.has(field.type)
        ? (typeof v === 'string' && /^-?[0-9]+$/.test(v)) || Number.isInteger(v)
        : INTS.has(field.type)
          ? Number.isInteger(v)
          : field.type === 'string'
            ? typeof v === 'string'
            : field.type === 'bool'
              ? typeof v === 'boolean'
              : field.type === 'double' || field.type === 'float'
                ? typeof v === 'number'
                : false
  if (!ok) throw new Error(`${at}: ${JSON.stringify(v)} is not a valid ${field.type} in OTLP/JSON`)
  return v
}

function decodeBody(request: ReceivedRequest): protobuf.Message {
  const contentType = String(request.headers['content-type'] ?? '')
  if (contentType === 'application/x-protobuf') return ExportLogsServiceRequest.decode(request.body)
  if (contentType === 'application/json') {
    const checked = checkJson(ExportLogsServiceRequest, JSON.parse(request.text), '$') as Record<string, unknown>
    const message = ExportLogsServiceRequest.fromObject(checked)
    const problem = ExportLogsServiceRequest.verify(message)
    if (problem !== null) throw new Error(`OTLP/JSON body does not match the definitions: ${problem}`)
    return message
  }
  throw new Error(`unexpected content-type ${contentType}`)
}

interface PlainRequest {
  resourceLogs?: {
    resource?: { attributes?: PlainKeyValue[] }
    scopeLogs?: {
      scope?: { name?: string }
      logRecords?: (Omit<DecodedRecord, 'resource' | 'scope' | 'attributes' | 'body' | 'timeUnixNano' | 'observedTimeUnixNano' | 'traceId' | 'spanId'> & {
        timeUnixNano?: string
        observedTimeUnixNano?: string
        body?: PlainAnyValue
        attributes?: PlainKeyValue[]
        traceId?: string
        spanId?: string
      })[]
    }[]
  }[]
}

/** Every LogRecord of one request, decoded with the official definitions. */
export function decodeLogsRequest(request: ReceivedRequest): DecodedRecord[] {
  const message = decodeBody(request)
  const plain = ExportLogsServiceRequest.toObject(message, { longs: String, enums: Number, bytes: String }) as PlainRequest
  const out: DecodedRecord[] = []
  for (const resourceLogs of plain.resourceLogs ?? []) {
    const resource = keyValues(resourceLogs.resource?.attributes)
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const r of scopeLogs.logRecords ?? []) {
        const record: DecodedRecord = {
          resource,
          scope: scopeLogs.scope?.name ?? '',
          timeUnixNano: BigInt(r.timeUnixNano ?? 0),
          observedTimeUnixNano: BigInt(r.observedTimeUnixNano ?? 0),
          severityNumber: r.severityNumber ?? 0,
          severityText: r.severityText ?? '',
          body: anyValue(r.body),
          attributes: keyValues(r.attributes),
        }
        if (r.traceId) record.traceId = Buffer.from(r.traceId, 'base64').toString('hex')
        if (r.spanId) record.spanId = Buffer.from(r.spanId, 'base64').toString('hex')
        if (r.eventName) record.eventName = r.eventName
        out.push(record)
      }
    }
  }
  return out
}

/** Every record the receiver got on the logs path, in arrival order. */
export function decodedRecords(requests: readonly ReceivedRequest[]): DecodedRecord[] {
  return requests.filter((r) => r.url === '/v1/logs').flatMap(decodeLogsRequest)
}

/** An ExportLogsServiceResponse with a partial success, as protobuf bytes. */
export function partialSuccessResponse(rejected: number, errorMessage: string): Buffer {
  const message = ExportLogsServiceResponse.fromObject({ partialSuccess: { rejectedLogRecords: rejected, errorMessage } })
  return Buffer.from(ExportLogsServiceResponse.encode(message).finish())
}
