import { describe, expect, it } from 'vitest'
import { parseEnvelope } from './sentry-envelope.js'

describe('parseEnvelope', () => {
  it('reads newline-delimited items and length-prefixed payloads', () => {
    const attachment = 'line one\nline two'
    const body = [
      JSON.stringify({ event_id: 'abc', sent_at: '2025-01-01T00:00:00Z' }),
      JSON.stringify({ type: 'event' }),
      JSON.stringify({ message: 'hi' }),
      JSON.stringify({ type: 'attachment', length: Buffer.byteLength(attachment) }),
      attachment,
      JSON.stringify({ type: 'client_report' }),
      JSON.stringify({ discarded_events: [] }),
    ].join('\n')
    const envelope = parseEnvelope(Buffer.from(body))
    expect(envelope.header.event_id).toBe('abc')
    expect(envelope.items).toEqual([
      { header: { type: 'event' }, payload: { message: 'hi' } },
      { header: { type: 'attachment', length: 17 }, payload: attachment },
      { header: { type: 'client_report' }, payload: { discarded_events: [] } },
    ])
  })

  it('refuses an empty body', () => {
    expect(() => parseEnvelope('')).toThrow(/empty/)
  })
})
