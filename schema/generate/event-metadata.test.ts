import { describe, expect, it } from 'vitest'
import { compiledEvent } from '../../test/support/compiled-catalog.js'
import { auditParts, sampledText, summaryRows } from './event-metadata.js'

const code = (text: string) => ({ code: text })

describe('event metadata', () => {
  it('summarises kind, owner, level, severity, version and helper, with dashes for what is unset', () => {
    const event = compiledEvent('logo_generated', { helper: 'logoGenerated', owner: 'growth', version: 3 })
    expect(summaryRows(event, code)).toEqual([
      ['kind', 'analytics'],
      ['owner', 'growth'],
      ['level', 'info'],
      ['severity', '–'],
      ['version', '3'],
      ['helper', { code: 'log.emit.logoGenerated(…)' }],
    ])
    expect(summaryRows(compiledEvent('e', { severity: 'p1' }), code)[1]).toEqual(['owner', '–'])
    expect(summaryRows(compiledEvent('e', { severity: 'p1' }), code)[3]).toEqual(['severity', 'p1'])
  })

  it('says how a sampled event is sampled, per distinct id or per line', () => {
    expect(sampledText(compiledEvent('e'))).toBeUndefined()
    expect(sampledText(compiledEvent('e', { sample: 0.25, distinctId: 'userId' }))).toBe('25% (per userId)')
    expect(sampledText(compiledEvent('e', { sample: 0.5 }))).toBe('50% (per line)')
  })

  it('spells the audit mapping with code spans, the resource id only when mapped', () => {
    expect(auditParts(compiledEvent('e'), code)).toBeUndefined()
    expect(auditParts(compiledEvent('e', { audit: { action: 'brand.delete', resourceType: 'brand' } }), code)).toEqual([
      'action ',
      { code: 'brand.delete' },
      ' on ',
      { code: 'brand' },
    ])
    expect(
      auditParts(compiledEvent('e', { audit: { action: 'ai.call', resourceType: 'model', resourceId: 'model' } }), String)?.join(''),
    ).toBe('action ai.call on model, resource id from model')
  })
})
