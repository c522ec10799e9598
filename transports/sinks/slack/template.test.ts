import { describe, expect, it } from 'vitest'
import type { CompiledEvent, EventKind, Severity } from '../../../schema/compiled.js'
import { compiledCatalog, compiledEvent } from '../../../test/support/compiled-catalog.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { severityOf } from './severity.js'
import { messageKind, renderMessage } from './template.js'

function event(name: string, kind: EventKind, severity?: Severity): CompiledEvent {
  return compiledEvent(name, { kind, level: 'error', ...(severity ? { severity } : {}) })
}

const catalog = compiledCatalog({
  context: ['requestId', 'userId', 'tenant'],
  events: {
    payment_failed: event('payment_failed', 'error', 'p1'),
    cost_anomaly_detected: event('cost_anomaly_detected', 'metric'),
    signup: event('signup', 'analytics'),
  },
  alerts: {
    error_rate: {
      name: 'error_rate',
      description: 'More than 50 errors in 5 minutes',
      when: { level: 'error', measure: 'count', windowMs: 300_000, over: '5m', above: 50 },
      to: ['oncall'],
      severity: 'p0',
    },
  },
})

const alert: LogLine = {
  level: 'error',
  time: '2025-03-04T05:06:07.000Z',
  eventId: 'e-1',
  service: 'api',
  env: 'production',
  event: 'alert_triggered',
  msg: 'error_rate: 73 errors in 5m (above 50)',
  requestId: 'req-1',
  userId: 'u-1',
  window: '5m',
  value: 73,
  rule: 'error_rate',
  above: 50,
}

describe('severityOf', () => {
  it('prefers the line, then the alert rule, then the event, then the level', () => {
    expect(severityOf({ ...alert, severity: 'p2' }, catalog)).toBe('p2')
    expect(severityOf(alert, catalog)).toBe('p0')
    expect(severityOf({ ...alert, rule: undefined, event: 'payment_failed' }, catalog)).toBe('p1')
    expect(severityOf({ ...alert, rule: undefined, event: 'other', level: 'fatal' }, catalog)).toBe('p0')
    expect(severityOf({ ...alert, rule: undefined, event: 'other', level: 'warn' }, catalog)).toBe('p2')
    expect(severityOf({ ...alert, rule: undefined, event: 'other', level: 'info' }, catalog)).toBe('p3')
  })
})

describe('renderMessage', () => {
  it('renders a p0 alert with siren, mention, rule description, alert fields first and the context', () => {
    const message = renderMessage(alert, catalog, { severity: 'p0', mention: '<!channel>', admitted: { repeats: 0 }, dedupeWindowMs: 600_000 })
    expect(message).toEqual({
      text: '<!channel> P0 Alert: error_rate: error_rate: 73 errors in 5m (above 50)',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: ':rotating_light: P0 · Alert: error_rate', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: '<!channel> error_rate: 73 errors in 5m (above 50)\n_More than 50 errors in 5 minutes_' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*rule*\nerror_rate' },
            { type: 'mrkdwn', text: '*value*\n73' },
            { type: 'mrkdwn', text: '*above*\n50' },
            { type: 'mrkdwn', text: '*window*\n5m' },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'service: `api`  ·  env: `production`  ·  requestId: `req-1`  ·  eventId: `e-1`' }] },
      ],
    })
  })

  it('renders an error with the error type, code and message, escaped', () => {
    const line: LogLine = {
      level: 'error',
      time: '2025-03-04T05:06:07.000Z',
      eventId: 'e-2',
      event: 'payment_failed',
      msg: 'charge <failed> for A&B',
      err: { type: 'StripeCardError', code: 'card_declined', message: 'Your card was declined' },
      amountCents: 1200,
    }
    expect(messageKind(line, catalog)).toBe('error')
    const message = renderMessage(line, catalog, { severity: 'p1', admitted: { repeats: 0 }, dedupeWindowMs: 600_000 })
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':red_circle: P1 · Payment failed', emoji: true } })
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'charge &lt;failed&gt; for A&amp;B\n`StripeCardError (card_declined): Your card was declined`' },
    })
    expect(message.blocks[2]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*amountCents*\n1200' }] })
    expect(message.text).toBe('P1 Payment failed: charge &lt;failed&gt; for A&amp;B')
  })

  it('treats any *_detected event as an alert and reports suppressed repeats', () => {
    const line: LogLine = { level: 'warn', time: '2025-03-04T05:06:07.000Z', eventId: 'e-3', event: 'cost_anomaly_detected', msg: 'spend 4x baseline' }
    expect(messageKind(line, catalog)).toBe('alert')
    const message = renderMessage(line, catalog, {
      severity: 'p2',
      admitted: { repeats: 3, previousAt: Date.parse('2025-03-04T04:56:00.000Z') },
      dedupeWindowMs: 600_000,
    })
    expect(message.blocks[0]).toMatchObject({ text: { text: ':large_orange_circle: P2 · Cost anomaly detected' } })
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'eventId: `e-3`' },
        { type: 'mrkdwn', text: ':repeat: repeated 3 more times since 2025-03-04T04:56:00.000Z (one message per 10 min)' },
      ],
    })
    expect(message.text).toBe('P2 Cost anomaly detected: spend 4x baseline (+3 repeats)')
  })

  it('keeps at most ten fields and shortens long values', () => {
    const many: LogLine = { level: 'info', time: 't', eventId: 'e', event: 'signup' }
    for (let i = 0; i < 14; i++) many[`f${i}`] = 'x'.repeat(i === 0 ? 5000 : 1)
    const message = renderMessage(many, catalog, { severity: 'p3', admitted: { repeats: 0 }, dedupeWindowMs: 0 })
    const section = message.blocks.find((b) => 'fields' in b)
    expect(section && 'fields' in section && section.fields.length).toBe(10)
    expect(section && 'fields' in section && section.fields[0]!.text.length).toBeLessThan(400)
  })
})
