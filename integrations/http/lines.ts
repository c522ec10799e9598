/**
 * The two built-in lines the HTTP integration writes: `http_request` and
 * `unhandled_error` (declared in schema/builtin.catalog.yaml).
 *
 * Both go through the typed emit path, so they are validated against the
 * catalog, PII-treated, redacted and context-stamped like every event. The
 * request line's level follows the status (5xx error, 4xx warn, 2xx info, 3xx
 * not written) through emit's per-call `level`; `unhandled_error` carries
 * `err`, a reserved field the catalog cannot declare, through emit's per-call
 * `err`, which the logger's err serializer turns into the type/message/stack
 * that Sentry's exception is rebuilt from. The fields are typed by
 * schema/builtin-events.ts (generated from the catalog).
 */
import type { Logger } from 'pino'
import type { BuiltinEvents, HttpRequest, UnhandledError } from '../../schema/builtin-events.js'
import type { Emit } from '../../emitters/types.js'

export const HTTP_REQUEST_EVENT = 'http_request'
export const UNHANDLED_ERROR_EVENT = 'unhandled_error'

/**
 * Who made the request, as `contextFrom(req)` returns it: `userId` and
 * `tenantId` are properties of the request lines; every field (these and any
 * other, such as `{ accountId }`) joins the request's context, stamped on the
 * lines when the catalog lists it among its context fields.
 */
export interface RequestUser extends UserProperties {
  [contextField: string]: string | undefined
}

/** The user fields the request lines carry as properties. */
export interface UserProperties {
  userId?: string | undefined
  tenantId?: string | undefined
}

/** The user fields the request lines carry as properties, and the rest (context only). */
export function splitUser(user: RequestUser): { own: UserProperties; context: Record<string, string> } {
  const own: UserProperties = {}
  const context: Record<string, string> = {}
  for (const [key, value] of Object.entries(user)) {
    if (typeof value !== 'string') continue
    if (key === 'userId' || key === 'tenantId') own[key] = value
    else context[key] = value
  }
  return { own, context }
}

/** The `http_request` properties; the middleware always knows the request id. */
export interface HttpRequestFields extends UserProperties, Omit<HttpRequest, keyof UserProperties | 'requestId'> {
  requestId: string
}

/** The `unhandled_error` properties; the error handler always knows the request id. */
export interface UnhandledErrorFields extends UserProperties, Omit<UnhandledError, keyof UserProperties | 'requestId'> {
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

/** The emit of a linecast logger whose catalog includes the built-in events. */
type HttpEmit = Emit<Pick<BuiltinEvents, typeof HTTP_REQUEST_EVENT | typeof UNHANDLED_ERROR_EVENT>>

/**
 * The middleware is handed a linecast logger (typed as a pino `Logger` for
 * pino-http); every generated catalog includes the built-in events.
 */
function emitOf(log: Logger): HttpEmit {
  return (log as unknown as { readonly emit: HttpEmit }).emit
}

export function writeRequestLine(log: Logger, level: RequestLevel, fields: HttpRequestFields): void {
  if (level === 'silent') return
  emitOf(log)(HTTP_REQUEST_EVENT, definedOnly(fields), { level })
}

export function writeErrorLine(log: Logger, err: unknown, fields: UnhandledErrorFields): void {
  emitOf(log)(UNHANDLED_ERROR_EVENT, definedOnly(fields), { err: asError(err) })
}

/** The fields without their undefined values (an absent user field is left out of the line). */
function definedOnly<T extends object>(source: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value
  return out as T
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
