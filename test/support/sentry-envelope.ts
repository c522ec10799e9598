/**
 * Decodes a Sentry envelope as the SDK sends it: a JSON header line, then
 * items, each a JSON item header line followed by its payload (exactly
 * `length` bytes when the item header says so, else up to the next newline).
 * The HTTP receiver has already gunzipped the body.
 */
import type { ReceivedRequest } from './http-receiver.js'

export interface EnvelopeItem {
  header: { type: string; length?: number; [key: string]: unknown }
  /** parsed JSON payload, or the raw text when it is not JSON */
  payload: unknown
}

export interface SentryEnvelope {
  header: { event_id?: string; sent_at?: string; dsn?: string; sdk?: { name?: string; version?: string }; [key: string]: unknown }
  items: EnvelopeItem[]
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function parseEnvelope(body: Buffer | string): SentryEnvelope {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  let offset = 0
  const readLine = (): string | undefined => {
    if (offset >= buf.length) return undefined
    let end = buf.indexOf(0x0a, offset)
    if (end === -1) end = buf.length
    const line = buf.subarray(offset, end).toString('utf8')
    offset = end + 1
    return line
  }
  const headerLine = readLine()
  if (headerLine === undefined) throw new Error('empty envelope')
  const envelope: SentryEnvelope = { header: JSON.parse(headerLine) as SentryEnvelope['header'], items: [] }
  for (;;) {
    const itemLine = readLine()
    if (itemLine === undefined) break
    if (itemLine.trim() === '') continue
    const header = JSON.parse(itemLine) as EnvelopeItem['header']
    let payloadText: string
    if (typeof header.length === 'number') {
      payloadText = buf.subarray(offset, offset + header.length).toString('utf8')
      offset += header.length + 1
    } else {
      payloadText = readLine() ?? ''
    }
    envelope.items.push({ header, payload: parseJson(payloadText) })
  }
  return envelope
}

/** The `event` items of every envelope request the receiver saw, in arrival order. */
export function sentryEvents(requests: readonly ReceivedRequest[]): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = []
  for (const req of requests) {
    if (!req.url.includes('/envelope/')) continue
    for (const item of parseEnvelope(req.body).items) {
      if (item.header.type === 'event') events.push(item.payload as Record<string, unknown>)
    }
  }
  return events
}
