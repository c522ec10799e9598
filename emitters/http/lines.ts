/**
 * The two built-in lines the HTTP integration writes: `http_request` and
 * `unhandled_error` (declared in schema/builtin.catalog.yaml).
 *
 * They are written through the logger's level methods (`log.warn(fields, msg)`)
 * rather than `log.emit`, for two reasons: a catalog event has one fixed level,
 * while the request line's level follows the status (5xx error, 4xx warn,
 * 2xx info); and `unhandled_error` carries `err`, a reserved field the catalog
 * cannot declare, which the logger's err serializer turns into the
 * type/message/stack that Sentry's exception is rebuilt from. The level
 * methods still stamp `eventId` and the correlation context and redact every
 * field and the message. The fields are typed by schema/builtin-events.ts
 * (generated from the catalog), and the tests validate written lines against
 * the catalog's schemas, so a change to the catalog that this code misses fails.
 */
import type { Logger } from 'pino'
import type { HttpRequest, UnhandledError } from '../../schema/builtin-events.js'

export const HTTP_REQUEST_EVENT = 'http_request'
export const UNHANDLED_ERROR_EVENT = 'unhandled_error'

/** Who made the request, as `contextFrom(req)` returns it. */
export interface RequestUser {
  userId?: string | undefined
  tenantId?: string | undefined
  brandId?: string | undefined
}

/** The `http_request` properties; the middleware always knows the request id. */
export interface HttpRequestFields extends RequestUser, Omit<HttpRequest, keyof RequestUser | 'requestId'> {
  requestId: string
}

/** The `unhandled_error` properties; the error handler always knows the request id. */
export interface UnhandledErrorFields extends RequestUser, Omit<UnhandledError, keyof RequestUser | 'requestId'> {
  requestId: string
}

export type RequestLevel = 'info' | 'warn' | 'error' | 'silent'

/** 5xx error, 4xx warn, 3xx silent (not written), everything else info. */
export function levelForStatus(statusCode: number): RequestLevel {
  if (statusCode >= 500) return 'error'
  if (statusCode >= 400) return 'warn'
  if (statusCode >= 300) return 'silent'
  return 'info'
}

export function writeRequestLine(log: Logger, level: RequestLevel, fields: HttpRequestFields): void {
  if (level === 'silent') return
  const line: Record<string, unknown> = { event: HTTP_REQUEST_EVENT, kind: 'metric' }
  copyDefined(line, fields)
  log[level](line, `${fields.method} ${fields.url} ${fields.statusCode} in ${fields.responseTime}ms`)
}

export function writeErrorLine(log: Logger, err: unknown, fields: UnhandledErrorFields): void {
  const line: Record<string, unknown> = { event: UNHANDLED_ERROR_EVENT, kind: 'error', err: asError(err) }
  copyDefined(line, fields)
  log.error(line, `Unhandled error in ${fields.method} ${fields.route}`)
}

function copyDefined(target: Record<string, unknown>, source: object): void {
  for (const [key, value] of Object.entries(source)) if (value !== undefined) target[key] = value
}

/** A thrown non-Error (a string, an object) still reaches Sentry as an exception. */
function asError(err: unknown): Error {
  if (err instanceof Error) return err
  const message = typeof err === 'string' ? err : `Non-Error thrown: ${describe(err)}`
  return new Error(message)
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
