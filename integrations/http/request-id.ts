/**
 * The request id: the caller's `X-Request-Id` when it is safe to echo and to
 * write on lines (printable ASCII, 1..128 characters), else a new UUID.
 */
import { randomUUID } from 'node:crypto'

export const REQUEST_ID_HEADER = 'x-request-id'
export const MAX_REQUEST_ID_LENGTH = 128

/** Printable ASCII without spaces at either end: nothing that could split a header or a log line. */
const PRINTABLE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/

export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REQUEST_ID_LENGTH && PRINTABLE.test(value)
}

/** The incoming header's value when valid (the first, when repeated), else a new UUID. */
export function requestIdFrom(header: string | readonly string[] | undefined, generate: () => string = randomUUID): string {
  const value = Array.isArray(header) ? header[0] : header
  return isValidRequestId(value) ? value : generate()
}
