/**
 * A PostHog item -> the JSON text of its messages (capture, then $identify and
 * $create_alias), as the capture endpoint of the chosen mode takes them.
 * Built once per line at encode time; a batch body is the messages joined.
 * v0 (`/batch/`): `{ event, distinct_id, properties, uuid, timestamp, type }`.
 * v1 (`/i/v1/analytics/events`): `{ event, uuid, distinct_id, timestamp, options, properties }`,
 * `$process_person_profile` moved into `options.process_person_profile`.
 */
import type { PosthogItem } from './encode.js'

export type CaptureMode = 'v0' | 'v1'

/** What the sink hands the delivery layer for one line. */
export interface PosthogWireItem {
  /** uuids of the messages, in order (v1 answers per uuid) */
  uuids: string[]
  /** the messages' JSON texts joined by commas */
  json: string
}

interface Message {
  event: string
  distinctId: string
  properties: Record<string, unknown>
  uuid: string
  timestamp: string
}

export const LIBRARY = 'linecast'

/** The messages' properties are fresh objects made for this item: they are completed in place, never copied. */
function v0(message: Message): string {
  message.properties.$lib = LIBRARY
  return JSON.stringify({
    event: message.event,
    distinct_id: message.distinctId,
    properties: message.properties,
    uuid: message.uuid,
    timestamp: message.timestamp,
    type: 'capture',
  })
}

function v1(message: Message): string {
  const properties = message.properties
  const options: Record<string, unknown> = {}
  if (typeof properties.$process_person_profile === 'boolean') options.process_person_profile = properties.$process_person_profile
  delete properties.$process_person_profile
  return JSON.stringify({
    event: message.event,
    uuid: message.uuid,
    distinct_id: message.distinctId,
    timestamp: message.timestamp,
    options,
    properties,
  })
}

function messagesOf(item: PosthogItem): Message[] {
  const out: Message[] = [item.capture]
  if (item.identify) {
    const { distinctId, uuid, timestamp, properties } = item.identify
    out.push({ event: '$identify', distinctId, uuid, timestamp, properties: { $set: properties, $set_once: {} } })
  }
  for (const alias of item.alias ?? []) {
    const { distinctId, uuid, timestamp } = alias
    out.push({ event: '$create_alias', distinctId, uuid, timestamp, properties: { distinct_id: distinctId, alias: alias.alias } })
  }
  return out
}

export function toWire(item: PosthogItem, mode: CaptureMode): PosthogWireItem {
  const messages = messagesOf(item)
  const write = mode === 'v1' ? v1 : v0
  return { uuids: messages.map((m) => m.uuid), json: messages.map(write).join(',') }
}
