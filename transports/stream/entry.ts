/**
 * The eventId of a stream entry whose line has none: derived from the stream
 * and the entry id (a name-based UUID), so a line sent again after a relay
 * died carries the same idempotency key as the first time.
 */
import { createHash } from 'node:crypto'

/** UUID (version 5 layout) naming one entry of one stream. */
export function entryEventId(stream: string, id: string): string {
  const hex = createHash('sha1').update(`${stream}\n${id}`).digest('hex')
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
