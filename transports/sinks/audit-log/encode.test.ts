import { describe, expect, it } from 'vitest'
import { aiCall, catalog, line } from '../../../test/transports/audit-log-fixtures.js'
import { createEncoder } from './encode.js'
import { AuditLogLineError, AuditLogMisroutedError } from './errors.js'

const encode = createEncoder(catalog)

describe('audit_log encoder', () => {
  it('maps a cost event with defaults: action = event name, resource_type = kind, user_id from userId', () => {
    const l = aiCall({ tenant: 't-9' })
    expect(encode(l)).toEqual({
      id: l.eventId,
      created_at: l.time,
      user_id: 'user-1',
      action: 'ai_api_call',
      resource_type: 'cost',
      resource_id: null,
      request_id: 'req-1',
      metadata: {
        event: 'ai_api_call',
        kind: 'cost',
        service: 'brand-api',
        env: 'test',
        tenant: 't-9',
        model: 'gpt-4o',
        brandId: 'brand-1',
        cost: 0.25,
        inputTokens: 100,
        outputTokens: 50,
        success: true,
      },
    })
  })

  it('follows the audit mapping: distinctId field as user_id, resourceId field as resource_id (kept in metadata)', () => {
    const l = line('brand_deleted', { actorId: 'admin-7', brandId: 'b-3', reason: 'spam', userId: 'user-1', requestId: 'r-2' })
    const row = encode(l)
    expect(row).toMatchObject({ user_id: 'admin-7', action: 'brand.delete', resource_type: 'brand', resource_id: 'b-3', request_id: 'r-2' })
    expect(row.metadata).toEqual({ event: 'brand_deleted', kind: 'audit', service: 'brand-api', env: 'test', brandId: 'b-3', reason: 'spam', userId: 'user-1' })
  })

  it('falls back to the userId context field when the distinctId field is absent', () => {
    const row = encode(line('brand_deleted', { brandId: 'b-3', userId: 'user-5' }))
    expect(row.user_id).toBe('user-5')
    expect(row.metadata).not.toHaveProperty('userId')
  })

  it('leaves user_id, resource_id and request_id null when the line has none', () => {
    const row = encode(line('brand_deleted', {}))
    expect(row).toMatchObject({ user_id: null, resource_id: null, request_id: null })
  })

  it('turns an epoch-millisecond time into ISO 8601', () => {
    expect(encode(aiCall({ time: 0 })).created_at).toBe('1970-01-01T00:00:00.000Z')
  })

  it('writes an analytics event that has an audit mapping (a product event the catalog also audits)', () => {
    const page = catalog.events.page_viewed
    if (page === undefined) throw new Error('fixture catalog lost page_viewed')
    const audited = createEncoder({
      ...catalog,
      events: { ...catalog.events, page_viewed: { ...page, audit: { action: 'page.view', resourceType: 'page', resourceId: 'path' } } },
    })
    const l = line('page_viewed', { path: '/pricing', userId: 'user-3' })
    expect(audited(l)).toMatchObject({ id: l.eventId, user_id: 'user-3', action: 'page.view', resource_type: 'page', resource_id: '/pricing' })
  })

  it('refuses a line of another kind as misrouted, naming the event', () => {
    expect(() => encode(line('page_viewed', { path: '/' }))).toThrow(AuditLogMisroutedError)
    expect(() => encode(line('page_viewed'))).toThrow(/"page_viewed" \(kind analytics\)/)
    expect(() => encode(line('not_in_catalog'))).toThrow(AuditLogMisroutedError)
    const noEvent = aiCall()
    delete noEvent.event
    expect(() => encode(noEvent)).toThrow(/without an event name/)
  })

  it('refuses a line whose eventId is not a UUID or whose time is not a timestamp', () => {
    expect(() => encode(aiCall({ eventId: 'abc' }))).toThrow(AuditLogLineError)
    expect(() => encode(aiCall({ time: '2024-13-45T00:00:00Z' }))).toThrow(/not an ISO 8601 timestamp/)
  })
})
