import { describe, expect, it } from 'vitest'
import { sinkCatalog } from '../../../test/support/sink-catalog.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { LineEncodeError } from '../http/index.js'
import { parsePosthogSettings } from './config.js'
import { PosthogEncoder } from './encode.js'

const catalog = sinkCatalog()
const settings = parsePosthogSettings('ph', {
  apiKey: 'phc_1',
  identify: ['user_signed_up'],
  alias: { event: 'user_signed_up', from: 'anonymousId' },
})
const enc = new PosthogEncoder(settings, catalog, 'ph')

function line(fields: Partial<LogLine>): LogLine {
  return { level: 'info', time: '2025-03-04T05:06:07.890Z', eventId: '7d444840-9dc0-11d1-b245-5ffdce74fad2', service: 'brand-api', env: 'prod', ...fields }
}

describe('PosthogEncoder', () => {
  it('captures the catalog properties and the context, with source server', () => {
    const item = enc.encode(
      line({ event: 'logo_generated', kind: 'analytics', msg: 'logo generated', userId: 'u1', requestId: 'r1', brandId: 'b1', tenantId: 't1', style: 'flat', count: 3, prompt: 'a cat', stray: 1 }),
    )
    expect(item).toEqual({
      capture: {
        event: 'logo_generated',
        distinctId: 'u1',
        uuid: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
        timestamp: '2025-03-04T05:06:07.890Z',
        properties: {
          style: 'flat',
          count: 3,
          requestId: 'r1',
          userId: 'u1',
          brandId: 'b1',
          tenantId: 't1',
          source: 'server',
          service: 'brand-api',
          environment: 'prod',
          kind: 'analytics',
          eventVersion: 1,
        },
      },
    })
  })

  it('uses the field the catalog names as distinct id, and adds identify and alias', () => {
    const item = enc.encode(
      line({ event: 'user_signed_up', accountId: 'acct-1', userId: 'u1', anonymousId: 'anon-9', plan: 'pro', email: 'h:3f2a', fullName: 'Ada L', referrer: 'ad' }),
    )
    expect(item.capture.distinctId).toBe('acct-1')
    expect(item.capture.properties).not.toHaveProperty('fullName')
    expect(item.capture.properties).toMatchObject({ plan: 'pro', email: 'h:3f2a' })
    expect(item.identify).toMatchObject({ distinctId: 'acct-1', properties: { accountId: 'acct-1', plan: 'pro', referrer: 'ad' }, timestamp: '2025-03-04T05:06:07.890Z' })
    expect(item.identify?.properties).not.toHaveProperty('email')
    expect(item.alias).toEqual([{ distinctId: 'acct-1', alias: 'anon-9', uuid: expect.any(String) as unknown, timestamp: '2025-03-04T05:06:07.890Z' }])
  })

  it('falls back to userId, then anonymousId, then a personless event', () => {
    expect(enc.encode(line({ event: 'user_signed_up', userId: 'u1' })).capture.distinctId).toBe('u1')
    expect(enc.encode(line({ event: 'logo_generated', anonymousId: 'a1' })).capture.distinctId).toBe('a1')
    const personless = enc.encode(line({ event: 'logo_generated' }))
    expect(personless.capture.distinctId).toBe('brand-api')
    expect(personless.capture.properties.$process_person_profile).toBe(false)
  })

  it('sends no identify or alias without a person', () => {
    const item = enc.encode(line({ event: 'user_signed_up', plan: 'free' }))
    expect(item.identify).toBeUndefined()
    expect(item.alias).toBeUndefined()
  })

  it('never uses a pii: keep field as distinct id', () => {
    const keepCatalog = sinkCatalog()
    const spec = keepCatalog.events.user_signed_up
    if (spec) spec.distinctId = 'fullName'
    const item = new PosthogEncoder(settings, keepCatalog).encode(line({ event: 'user_signed_up', fullName: 'Ada L', userId: 'u1' }))
    expect(item.capture.distinctId).toBe('u1')
  })

  it('sends every non-envelope field of an event the catalog does not know', () => {
    const item = enc.encode(line({ event: 'legacy_thing', userId: 'u1', foo: 'bar', pid: 1, hostname: 'h' }))
    expect(item.capture.properties).toEqual({ foo: 'bar', userId: 'u1', source: 'server', service: 'brand-api', environment: 'prod' })
  })

  it('refuses a line without an event name', () => {
    expect(() => enc.encode(line({ msg: 'plain log' }))).toThrow(LineEncodeError)
    expect(() => enc.encode(line({ msg: 'plain log' }))).toThrow(/route only catalog events/)
  })
})
