/**
 * POST a batch of encoded LogRecords as one ExportLogsServiceRequest
 * (opentelemetry/proto/collector/logs/v1/logs_service.proto): one ResourceLogs
 * per resource, each with one ScopeLogs (scope `linecast`) holding its records
 * in batch order. Answers follow the OTLP/HTTP specification: 2xx delivered
 * (a partial success is reported, never retried), 429/502/503/504 retried
 * (Retry-After honoured), 400 rejected; the shared HTTP classification does this.
 */
import { promisify } from 'node:util'
import { gzip as gzipCallback } from 'node:zlib'
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError } from '../http/classify.js'
import type { Fetch } from '../http/post.js'
import type { OtlpSettings } from './config.js'
import { jsonKeyValues, writeResource, type OtlpItem, type OtlpResource } from './encode.js'
import { ProtoWriter, readFields } from './wire.js'

const gzip = promisify(gzipCallback)

export const SCOPE_NAME = 'linecast'

/** Records grouped by resource, in the order each resource first appears. */
function byResource(batch: readonly OtlpItem[]): Map<OtlpResource, OtlpItem['record'][]> {
  const groups = new Map<OtlpResource, OtlpItem['record'][]>()
  for (const item of batch) {
    const list = groups.get(item.resource)
    if (list === undefined) groups.set(item.resource, [item.record])
    else list.push(item.record)
  }
  return groups
}

export function protobufRequest(batch: readonly OtlpItem[]): Buffer {
  const groups = byResource(batch)
  const w = new ProtoWriter(batch.reduce((n, item) => n + item.record.length + 4, 256))
  for (const [resource, records] of groups) {
    const resourceLogs = w.fork(1)
    writeResource(w, resource)
    const scopeLogs = w.fork(2)
    const scope = w.fork(1)
    w.string(1, SCOPE_NAME)
    w.close(scope)
    for (const record of records) w.bytes(2, record as Buffer)
    w.close(scopeLogs)
    w.close(resourceLogs)
  }
  return w.finish()
}

export function jsonRequest(batch: readonly OtlpItem[]): string {
  const parts: string[] = []
  for (const [resource, records] of byResource(batch)) {
    const head = JSON.stringify({ attributes: jsonKeyValues(resource.attributes) })
    parts.push(`{"resource":${head},"scopeLogs":[{"scope":{"name":"${SCOPE_NAME}"},"logRecords":[${records.join(',')}]}]}`)
  }
  return `{"resourceLogs":[${parts.join(',')}]}`
}

/** What an ExportLogsServiceResponse says about refused records (ExportLogsPartialSuccess). */
export interface PartialSuccess {
  rejected: number
  message: string
}

export function readPartialSuccess(body: Buffer, contentType: string): PartialSuccess | undefined {
  if (body.length === 0) return undefined
  try {
    if (contentType.includes('json')) {
      const parsed = JSON.parse(body.toString('utf8')) as { partialSuccess?: { rejectedLogRecords?: unknown; errorMessage?: unknown } }
      const partial = parsed.partialSuccess
      if (partial === undefined) return undefined
      return { rejected: Number(partial.rejectedLogRecords ?? 0), message: typeof partial.errorMessage === 'string' ? partial.errorMessage : '' }
    }
    const partial = readFields(body).get(1)?.[0]
    if (!(partial instanceof Uint8Array)) return undefined
    const fields = readFields(partial)
    const rejected = fields.get(1)?.[0]
    const message = fields.get(2)?.[0]
    return {
      rejected: typeof rejected === 'number' ? rejected : 0,
      message: message instanceof Uint8Array ? Buffer.from(message).toString('utf8') : '',
    }
  } catch {
    return undefined
  }
}

export interface OtlpSendOptions {
  url: string
  settings: Pick<OtlpSettings, 'protocol' | 'gzip' | 'headers'>
  fetch?: Fetch
  /** the endpoint accepted the request but refused some records */
  onPartialSuccess(partial: PartialSuccess, sent: number): void
}

export async function sendOtlpBatch(batch: readonly OtlpItem[], signal: AbortSignal, options: OtlpSendOptions): Promise<Outcome> {
  if (batch.length === 0) return { type: 'ok' }
  const { settings } = options
  const json = settings.protocol === 'http/json'
  let body: Buffer | string = json ? jsonRequest(batch) : protobufRequest(batch)
  const headers: Record<string, string> = { ...settings.headers, 'content-type': json ? 'application/json' : 'application/x-protobuf' }
  if (settings.gzip) {
    body = await gzip(body)
    headers['content-encoding'] = 'gzip'
  }
  let response: Response
  let answer: Buffer
  try {
    response = await (options.fetch ?? globalThis.fetch)(options.url, { method: 'POST', headers, body, signal })
    answer = Buffer.from(await response.arrayBuffer())
  } catch (error) {
    return classifyNetworkError(error, signal)
  }
  const contentType = response.headers.get('content-type') ?? ''
  const readable = contentType.includes('json') || contentType.startsWith('text/')
  const outcome = classifyHttpResponse(response.status, response.headers, readable ? { body: answer.toString('utf8') } : {})
  if (outcome.type === 'ok') {
    const partial = readPartialSuccess(answer, contentType)
    if (partial !== undefined && partial.rejected > 0) options.onPartialSuccess(partial, batch.length)
  }
  return outcome
}
