/**
 * Trace correlation: when `@opentelemetry/api` is installed (an optional peer
 * dependency) and a span is active, emit stamps the span's `traceId` and
 * `spanId` on the line, so a log line and its trace find each other in any
 * OTLP backend (the otlp destination sends them as trace_id/span_id).
 *
 * The package is looked up once per `createLogger`; when it is absent the
 * logger has no trace hook at all and emit pays nothing. The API's global
 * registry is shared by every copy of the package, so the application's own
 * tracer provider and context manager are the ones read here.
 */
import { createRequire } from 'node:module'
import { quote } from './serialize.js'

export interface TraceIds {
  readonly traceId: string
  readonly spanId: string
}

/** The active span's ids, or undefined when no valid span is active. */
export type ActiveTrace = () => TraceIds | undefined

/** The part of `@opentelemetry/api` read here (stable since 1.0). */
interface OtelApi {
  trace: { getActiveSpan(): { spanContext(): TraceIds } | undefined }
  INVALID_TRACEID: string
  INVALID_SPANID: string
}

function isOtelApi(value: unknown): value is OtelApi {
  const api = value as Partial<OtelApi> | undefined
  return typeof api?.trace?.getActiveSpan === 'function' && typeof api.INVALID_TRACEID === 'string'
}

/** `require` of the optional peer; undefined when it is not installed (or not the API). */
export function requireOtelApi(from: string = import.meta.url): unknown {
  try {
    return createRequire(from)('@opentelemetry/api')
  } catch {
    return undefined
  }
}

/** The trace hook for emit over the loaded API (`requireOtelApi()`), or undefined without it. */
export function loadActiveTrace(api: unknown): ActiveTrace | undefined {
  if (!isOtelApi(api)) return undefined
  const { trace, INVALID_TRACEID, INVALID_SPANID } = api
  return () => {
    const span = trace.getActiveSpan()
    if (span === undefined) return undefined
    const ids = span.spanContext()
    if (ids.traceId === INVALID_TRACEID || ids.spanId === INVALID_SPANID) return undefined
    return ids
  }
}

/** `,"traceId":"…","spanId":"…"`, appended to a serialized line body. */
export function traceJson(ids: TraceIds): string {
  return ',"traceId":' + quote(ids.traceId) + ',"spanId":' + quote(ids.spanId)
}
