import { describe, expect, it } from 'vitest'
import type { CompiledEvent, EventKind } from '../../../schema/compiled.js'
import { compiledCatalog, compiledEvent } from '../../../test/support/compiled-catalog.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { createMixpanelEncoder, distinctIdFor, insertIdFor } from './encode.js'

function event(name: string, kind: EventKind, distinctId?: string): CompiledEvent {
  return compiledEvent(name, { kind, ...(distinctId ? { distinctId } : {}) })
}

const catalog = compiledCatalog({
  context: ['requestId', 'userId'],
  events: {
    logo_generated: event('logo_generated', 'analytics', 'accountId'),
    ai_cost_recorded: event('ai_cost_recorded', 'cost'),
    database_error: event('database_error', 'error'),
  },
})

const base: LogLine = {
  level: 'info',
  time: '2025-03-04T05:06:07.890Z',
  eventId: '29fc2962-6d9c-455d-95ad-95b84f09b9e4',
  service: 'api',
  env: 'production',
  event: 'logo_generated',
  kind: 'analytics',
  msg: 'logo generated',
  pid: 7,
  hostname: 'web-1',
  requestId: 'req-1',
  userId: 'user-1',
  accountId: 'acct-9',
  style: 'minimal',
}

describe('mixpanel encode', () => {
  const encode = createMixpanelEncoder('product', catalog)

  it('maps a line to an event with time in ms, distinct_id, $insert_id, properties and context', () => {
    expect(encode(base)).toEqual({
      event: 'logo_generated',
      properties: {
        time: Date.parse('2025-03-04T05:06:07.890Z'),
        distinct_id: 'acct-9',
        $insert_id: '29fc2962-6d9c-455d-95ad-95b84f09b9e4',
        requestId: 'req-1',
        userId: 'user-1',
        accountId: 'acct-9',
        style: 'minimal',
        service: 'api',
        env: 'production',
      },
    })
  })

  it('takes cost events and skips every other kind', () => {
    expect(encode({ ...base, event: 'ai_cost_recorded', kind: 'cost' })?.event).toBe('ai_cost_recorded')
    expect(encode({ ...base, event: 'database_error', kind: 'error' })).toBeNull()
    expect(encode({ ...base, event: undefined })).toBeNull()
  })

  it('throws for a line whose time cannot be read', () => {
    expect(() => encode({ ...base, time: 'yesterday' })).toThrow(expect.objectContaining({ code: 'LINE_NOT_ENCODABLE' }))
  })
})

describe('distinct id', () => {
  it("uses the event's distinctId field, then userId, then ''", () => {
    expect(distinctIdFor(base, catalog)).toBe('acct-9')
    expect(distinctIdFor({ ...base, accountId: undefined }, catalog)).toBe('user-1')
    expect(distinctIdFor({ ...base, event: 'ai_cost_recorded', accountId: undefined, userId: undefined }, catalog)).toBe('')
    expect(distinctIdFor({ ...base, accountId: 42 }, catalog)).toBe('42')
  })
})

describe('insert id', () => {
  it('keeps a UUID and hashes anything Mixpanel would refuse to 36 hex characters', () => {
    expect(insertIdFor('29fc2962-6d9c-455d-95ad-95b84f09b9e4')).toBe('29fc2962-6d9c-455d-95ad-95b84f09b9e4')
    const hashed = insertIdFor('line:with:colons')
    expect(hashed).toMatch(/^[0-9a-f]{36}$/)
    expect(insertIdFor('line:with:colons')).toBe(hashed)
    expect(insertIdFor('x'.repeat(37))).toHaveLength(36)
  })
})
