import { describe, expect, it } from 'vitest'
import { diffCatalogTexts, rejectedChanges } from './index.js'

function event(extra: string, property = 'orderId: { type: string }'): string {
  return `catalog: 1
service: shop
events:
  order_placed:
    kind: analytics
    description: An order was placed.${extra}
    properties:
      ${property}
`
}

function gate(before: string, after: string) {
  return diffCatalogTexts({ text: before, file: 'base' }, { text: after, file: 'current' }, { builtin: false }).changes
}

describe('gateChanges', () => {
  it('rejects a breaking change when the version stayed, and says which version to write', () => {
    const changes = gate(event(''), event('', 'orderId: { type: integer }'))
    expect(rejectedChanges(changes).map((c) => [c.code, c.verdict])).toEqual([
      ['type_changed', 'bump `version` of `order_placed` to 2 to accept it, or make the change compatible'],
    ])
  })

  it('accepts a breaking change when the version went up', () => {
    const changes = gate(event('\n    version: 2'), event('\n    version: 3', 'orderId: { type: integer }'))
    expect(changes.map((c) => [c.code, c.accepted, c.verdict])).toEqual([['type_changed', true, 'version 2 -> 3']])
    expect(rejectedChanges(changes)).toEqual([])
  })

  it('accepts removing an event that was deprecated at base, and rejects removing one that was not', () => {
    const empty = 'catalog: 1\nservice: shop\n'
    expect(rejectedChanges(gate(event('\n    deprecated: use order_created'), empty))).toEqual([])
    const rejected = rejectedChanges(gate(event(''), empty))
    expect(rejected.map((c) => c.verdict)).toEqual(['mark `order_placed` `deprecated:` first and remove it in a later change'])
  })

  it('leaves additions and neutral changes without a verdict', () => {
    const changes = gate(event(''), event('\n    owner: checkout', 'orderId: { type: string, optional: true }'))
    expect(changes.map((c) => [c.impact, c.accepted])).toEqual([
      ['addition', undefined],
      ['change', undefined],
    ])
  })
})
