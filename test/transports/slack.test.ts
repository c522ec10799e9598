import { describe, expect, it } from 'vitest'
import type { CompiledEvent, EventKind, Severity } from '../../schema/compiled.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { createSink, type SlackMessage } from '../../transports/sinks/slack/index.js'
import { compiledCatalog, compiledEvent } from '../support/compiled-catalog.js'
import { receiverForFile, sinkContext } from '../support/sink-test.js'

function event(name: string, kind: EventKind, severity?: Severity): CompiledEvent {
  return compiledEvent(name, { kind, level: 'error', to: ['oncall'], ...(severity ? { severity } : {}) })
}

const catalog = compiledCatalog({
  context: ['requestId', 'userId'],
  events: {
    payment_failed: event('payment_failed', 'error', 'p1'),
    cron_failed: event('cron_failed', 'error', 'p1'),
  },
  alerts: {
    error_rate: {
      name: 'error_rate',
      when: { level: 'error', measure: 'count', windowMs: 300_000, over: '5m', above: 50 },
      to: ['oncall'],
      severity: 'p0',
    },
  },
})

let seq = 0
function alertLine(rule = 'error_rate', fields: Partial<LogLine> = {}): LogLine {
  seq += 1
  return {
    level: 'error',
    time: '2025-03-04T05:06:07.000Z',
    eventId: `evt-${seq}`,
    service: 'api',
    env: 'production',
    event: 'alert_triggered',
    msg: `${rule} fired`,
    requestId: 'req-1',
    rule,
    value: 73,
    above: 50,
    ...fields,
  }
}

describe('slack sink against a local receiver', () => {
  const receiver = receiverForFile({ status: 200, body: 'ok', headers: { 'content-type': 'text/html' } })
  let now = Date.parse('2025-03-04T05:00:00.000Z')
  const signal = new AbortController().signal
  const context = (settings: Record<string, unknown> = {}) => sinkContext(catalog, { webhookUrl: `${receiver.url}/services/T000/B000/XXXX`, ...settings })
  const make = (settings: Record<string, unknown> = {}) => createSink('oncall', context(settings), { now: () => now })
  const posted = () => receiver.requests.map((r) => r.json as SlackMessage)


  it('posts one JSON message with text, blocks, channel, username and the p0 mention', async () => {
    const sink = make({ channel: '#oncall', username: 'linecast', mention: '<!channel>' })
    expect(await sink.send([sink.encode(alertLine())], signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
    const req = receiver.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/services/T000/B000/XXXX')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['content-encoding']).toBeUndefined()
    const message = req.json as SlackMessage & Record<string, unknown>
    expect(message.channel).toBe('#oncall')
    expect(message.username).toBe('linecast')
    expect(message.text).toBe('<!channel> P0 Alert: error_rate: error_rate fired')
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context'])
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':rotating_light: P0 · Alert: error_rate', emoji: true } })
    expect(message.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<!channel> error_rate fired' } })
    expect(message.blocks[3]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `service: \`api\`  ·  env: \`production\`  ·  requestId: \`req-1\`  ·  eventId: \`evt-${seq}\`` }],
    })
  })

  it('does not mention on lower severities', async () => {
    const sink = make({ mention: '<!channel>' })
    const line: LogLine = { level: 'error', time: '2025-03-04T05:06:07.000Z', eventId: 'p-1', event: 'payment_failed', msg: 'card declined', err: { type: 'CardError', message: 'declined' } }
    await sink.send([sink.encode(line)], signal)
    const message = posted()[0]!
    expect(message.text).toBe('P1 Payment failed: card declined')
    expect(message.blocks[0]).toMatchObject({ text: { text: ':red_circle: P1 · Payment failed' } })
  })

  it('sends the same alert once per window and counts the repeats into the next message', async () => {
    const sink = make({ dedupeWindow: '10m' })
    const deliver = async (line: LogLine) => {
      const item = sink.encode(line)
      expect(await sink.send([item], signal)).toEqual({ type: 'ok' })
      return item
    }
    expect(await deliver(alertLine())).not.toBeNull()
    now += 60_000
    expect(await deliver(alertLine())).toBeNull()
    expect(await deliver(alertLine('queue_depth'))).not.toBeNull()
    now += 5 * 60_000
    expect(await deliver(alertLine())).toBeNull()
    expect(receiver.requests).toHaveLength(2)

    now += 4 * 60_000 // 10 minutes after the first message
    await deliver(alertLine())
    expect(receiver.requests).toHaveLength(3)
    const third = posted()[2]!
    expect(third.text).toBe('P0 Alert: error_rate: error_rate fired (+2 repeats)')
    expect(third.blocks.at(-1)).toMatchObject({
      type: 'context',
      elements: [{ type: 'mrkdwn' }, { type: 'mrkdwn', text: ':repeat: repeated 2 more times since 2025-03-04T05:00:00.000Z (one message per 10 min)' }],
    })
  })

  it('classifies 500 as retry, 429 Retry-After as a wait, 403/404/410 as loud rejects, 400 as a reject', async () => {
    const sink = make({ dedupeWindow: 0 })
    const item = sink.encode(alertLine())
    receiver.reply(
      { status: 500, body: 'rollup_error' },
      { status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' },
      { status: 403, body: 'action_prohibited' },
      { status: 404, body: 'no_service' },
      { status: 410, body: 'channel_is_archived' },
      { status: 400, body: 'invalid_payload' },
    )
    expect(await sink.send([item], signal)).toEqual({ type: 'retry', reason: 'HTTP 500: rollup_error' })
    expect(await sink.send([item], signal)).toEqual({ type: 'retryAfter', ms: 30_000, reason: 'HTTP 429: rate_limited' })
    now += 30_000
    expect(await sink.send([item], signal)).toEqual({ type: 'reject', reason: 'HTTP 403: action_prohibited', loud: true })
    expect(await sink.send([item], signal)).toEqual({ type: 'reject', reason: 'HTTP 404: no_service', loud: true })
    expect(await sink.send([item], signal)).toEqual({ type: 'reject', reason: 'HTTP 410: channel_is_archived', loud: true })
    expect(await sink.send([item], signal)).toEqual({ type: 'reject', reason: 'HTTP 400: invalid_payload' })
  })

  it('sends several messages one request each and names only the rejected one', async () => {
    const sink = make({ dedupeWindow: 0 })
    const batch = [alertLine('a'), alertLine('b'), alertLine('c')].map((l) => sink.encode(l))
    receiver.reply({ status: 200, body: 'ok' }, { status: 400, body: 'invalid_blocks' }, { status: 200, body: 'ok' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'reject', reason: 'HTTP 400: invalid_blocks', items: [1] })
    expect(posted().map((m) => m.blocks[0])).toEqual([
      { type: 'header', text: { type: 'plain_text', text: ':red_circle: P1 · Alert: a', emoji: true } },
      { type: 'header', text: { type: 'plain_text', text: ':red_circle: P1 · Alert: b', emoji: true } },
      { type: 'header', text: { type: 'plain_text', text: ':red_circle: P1 · Alert: c', emoji: true } },
    ])
  })

  it('never posts a message twice when the delivery layer sends the same items again', async () => {
    const sink = make({ dedupeWindow: 0 })
    const batch = [alertLine('a'), alertLine('b'), alertLine('c')].map((l) => sink.encode(l))
    receiver.reply({ status: 200, body: 'ok' }, { status: 500, body: 'rollup_error' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'retry', reason: 'HTTP 500: rollup_error' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'ok' })
    expect(posted().map((m) => m.text)).toEqual(['P1 Alert: a: a fired', 'P1 Alert: b: b fired', 'P1 Alert: b: b fired', 'P1 Alert: c: c fired'])
    // after a partial reject the delivery layer sends the rest again: nothing new goes out
    expect(await sink.send([batch[0]!, batch[2]!], signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(4)
  })

  it('honours a Retry-After longer than a minute in full: no request before it ends', async () => {
    const sink = make({ dedupeWindow: 0 })
    const item = sink.encode(alertLine())
    receiver.reply({ status: 429, headers: { 'retry-after': '300' }, body: 'rate_limited' })
    expect(await sink.send([item], signal)).toEqual({ type: 'retryAfter', ms: 300_000, reason: 'HTTP 429: rate_limited' })
    now += 60_000
    expect(await sink.send([item], signal)).toMatchObject({ type: 'retryAfter', ms: 240_000 })
    now += 239_000
    expect(await sink.send([item], signal)).toMatchObject({ type: 'retryAfter', ms: 1000 })
    expect(receiver.requests).toHaveLength(1)
    now += 1000
    expect(await sink.send([item], signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(2)
  })

  it('sends two different unhandled errors within the window, and merges the same error again', async () => {
    const sink = make({ dedupeWindow: '10m' })
    const crash = (type: string, message: string): LogLine => ({
      level: 'fatal',
      time: '2025-03-04T05:06:07.000Z',
      eventId: `u-${(seq += 1)}`,
      event: 'unhandled_error',
      kind: 'error',
      msg: message,
      err: { type, message, stack: `${type}: ${message}\n    at line ${seq}` },
    })
    const items = [crash('TypeError', 'x is undefined'), crash('RangeError', 'Invalid array length'), crash('TypeError', 'x is undefined')].map((l) => sink.encode(l))
    expect(items[0]).not.toBeNull()
    expect(items[1]).not.toBeNull()
    expect(items[2]).toBeNull()
    for (const item of items) expect(await sink.send([item], signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(2)
  })

  it('takes one message per batch, one request at a time', () => {
    expect(make().limits).toEqual({ maxItems: 1, maxLineBytes: 1024 * 1024, maxInFlight: 1 })
  })
})
