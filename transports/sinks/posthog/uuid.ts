/**
 * PostHog dedups on an event's uuid, so every message derived from a line
 * gets a uuid that is the same on every retry: the line's eventId for its
 * capture, and a name-based UUID (RFC 9562 version 8, from SHA-256) of the
 * eventId and a role (`identify`, `alias:<id>`) for the extra messages.
 */
import { createHash } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

export function derivedUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The line's eventId when it is a UUID, else a stable UUID derived from it. */
export function lineUuid(eventId: string, role?: string): string {
  if (role === undefined && isUuid(eventId)) return eventId.toLowerCase()
  return derivedUuid(role === undefined ? eventId : `${eventId}/${role}`)
}
