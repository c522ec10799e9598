import { describe, expect, it } from 'vitest'
import { diffCatalogTexts, type GatedChange } from './index.js'

const HEAD = `catalog: 1
service: shop
destinations:
  posthog: { kind: posthog, apiKey: k }
  sentry: { kind: sentry, dsn: d }
routes:
  error: [sentry]
events:
`

/** A catalog with the given events block (indented under `events:`). */
function catalog(events: string, head = HEAD): string {
  return `${head}${events}`
}

const ORDER = `  order_placed:
    kind: analytics
    description: An order was placed.
    distinctId: userId
    properties:
      orderId: { type: string }
      total: { type: number, min: 0, max: 1000 }
      coupon: { type: string, maxLength: 20, optional: true }
      channel: { type: enum, values: [web, app] }
      note: { type: string, optional: true }
    to: [posthog]
`

function diff(before: string, after: string): GatedChange[] {
  return diffCatalogTexts({ text: catalog(before), file: 'main:events.catalog.yaml' }, { text: catalog(after), file: 'events.catalog.yaml' }, { builtin: false })
    .changes
}

function codes(changes: readonly GatedChange[]): string[] {
  return changes.map((c) => `${c.impact} ${c.code}${c.property !== undefined ? ` ${c.property}` : ''}`)
}

describe('classifyChanges', () => {
  it('finds nothing between equal catalogs', () => {
    expect(diff(ORDER, ORDER)).toEqual([])
  })

  it('classifies a new event and a new optional property as additions', () => {
    const after = ORDER.replace('      note:', '      gift: { type: boolean, optional: true }\n      note:') + '  order_viewed:\n    kind: analytics\n    description: x\n'
    expect(codes(diff(ORDER, after))).toEqual(['addition property_added gift', 'addition event_added'])
  })

  it('classifies a new required property as breaking', () => {
    const after = ORDER.replace('      note:', '      gift: { type: boolean }\n      note:')
    expect(codes(diff(ORDER, after))).toEqual(['breaking required_property_added gift'])
  })

  it('classifies a removed event and a removed property as breaking', () => {
    const after = ORDER.replace('      channel: { type: enum, values: [web, app] }\n', '')
    expect(codes(diff(ORDER, after))).toEqual(['breaking property_removed channel'])
    expect(codes(diff(ORDER, ''))).toEqual(['breaking event_removed'])
  })

  it('reports a removed and an added property of the same type as a probable rename', () => {
    const after = ORDER.replace('      orderId: { type: string }', '      orderRef: { type: number }\n      id: { type: string }')
    const changes = diff(ORDER, after)
    expect(codes(changes)).toEqual(['breaking property_renamed id', 'breaking required_property_added orderRef'])
    expect(changes[0]?.message).toContain('`order_placed.orderId` was removed and `id` (string) added: probably a rename')
  })

  it('prefers the added property with the same spec when pairing a rename', () => {
    const after = ORDER.replace('      total: { type: number, min: 0, max: 1000 }', '      score: { type: number }\n      amount: { type: number, min: 0, max: 1000 }')
    const changes = diff(ORDER, after)
    expect(codes(changes)).toEqual(['breaking property_renamed amount', 'breaking required_property_added score'])
  })

  it('classifies a changed type as breaking', () => {
    const after = ORDER.replace('total: { type: number, min: 0, max: 1000 }', 'total: { type: string }')
    expect(codes(diff(ORDER, after))).toEqual(['breaking type_changed total'])
  })

  it('classifies narrowed constraints as breaking and widened ones as additions', () => {
    const narrowed = ORDER.replace('min: 0, max: 1000', 'min: 1, max: 500')
      .replace('maxLength: 20', 'maxLength: 10')
      .replace('orderId: { type: string }', 'orderId: { type: string, pattern: "^o_", format: uuid }')
    expect(codes(diff(ORDER, narrowed))).toEqual([
      'breaking constraint_narrowed orderId',
      'breaking constraint_narrowed orderId',
      'breaking constraint_narrowed total',
      'breaking constraint_narrowed total',
      'breaking constraint_narrowed coupon',
    ])
    const widened = ORDER.replace('min: 0, max: 1000', 'min: -5').replace('maxLength: 20', 'maxLength: 40')
    expect(codes(diff(ORDER, widened))).toEqual([
      'addition constraint_widened total',
      'addition constraint_widened total',
      'addition constraint_widened coupon',
    ])
    const pattern = diff(narrowed, narrowed.replace('"^o_"', '"^ord_"'))
    expect(codes(pattern)).toEqual(['breaking constraint_narrowed orderId'])
    expect(pattern[0]?.message).toBe('`order_placed.orderId` pattern `^o_` -> `^ord_`: narrowed, values valid before may now be rejected')
  })

  it('classifies optional made required as breaking and the reverse as an addition', () => {
    const required = ORDER.replace('note: { type: string, optional: true }', 'note: { type: string }')
    expect(codes(diff(ORDER, required))).toEqual(['breaking made_required note'])
    expect(codes(diff(required, ORDER))).toEqual(['addition made_optional note'])
  })

  it('classifies enum values: removed is breaking, added is an addition', () => {
    const after = ORDER.replace('values: [web, app]', 'values: [web, kiosk]')
    const changes = diff(ORDER, after)
    expect(codes(changes)).toEqual(['breaking enum_value_removed channel', 'addition enum_value_added channel'])
    expect(changes[0]?.message).toContain('no longer accepts `app`')
  })

  it('classifies a changed distinctId as breaking', () => {
    const after = ORDER.replace('distinctId: userId', 'distinctId: orderId')
    expect(codes(diff(ORDER, after))).toEqual(['breaking distinct_id_changed'])
  })

  it('reports a destination the event now reaches as an addition and one it lost as a change', () => {
    const moved = ORDER.replace('to: [posthog]', 'to: [sentry]')
    const changes = diff(ORDER, moved)
    expect(codes(changes)).toEqual(['change destination_removed', 'addition destination_added'])
    expect(changes[1]?.message).toBe('`order_placed` now reaches `sentry` (named by the event)')
    const routed = ORDER.replace('kind: analytics', 'kind: error')
    expect(codes(diff(ORDER, routed))).toEqual(['addition destination_added', 'change event_changed', 'change event_changed'])
  })

  it('walks into nested objects and array items', () => {
    const base = `  cart_saved:
    kind: analytics
    description: x
    properties:
      customer: { type: object, properties: { email: { type: string }, vip: { type: boolean, optional: true } } }
      items: { type: array, items: { type: object, properties: { sku: { type: string } } }, maxItems: 10 }
      tags: { type: array, items: { type: enum, values: [a, b] } }
`
    const after = base
      .replace('vip: { type: boolean, optional: true }', 'vip: { type: boolean }')
      .replace('sku: { type: string }', 'sku: { type: integer }')
      .replace('maxItems: 10', 'maxItems: 5')
      .replace('values: [a, b]', 'values: [a]')
    expect(codes(diff(base, after))).toEqual([
      'breaking made_required customer.vip',
      'breaking constraint_narrowed items',
      'breaking type_changed items[].sku',
      'breaking enum_value_removed tags[]',
    ])
  })

  it('reports catalog destinations added and removed', () => {
    const head = HEAD.replace('  sentry: { kind: sentry, dsn: d }\n', '  slack: { kind: slack, webhookUrl: w }\n').replace('error: [sentry]', 'error: [slack]')
    const changes = diffCatalogTexts({ text: catalog('', HEAD), file: 'b' }, { text: catalog('', head), file: 'c' }, { builtin: false }).changes
    expect(codes(changes)).toEqual(['change catalog_destination_removed', 'addition catalog_destination_added'])
  })

  it('treats a missing base catalog as empty: every event is new', () => {
    const result = diffCatalogTexts({ text: undefined, file: 'main:events.catalog.yaml' }, { text: catalog(ORDER), file: 'events.catalog.yaml' })
    expect(result.baseErrors).toEqual([])
    expect(result.changes.filter((c) => c.code === 'event_added').map((c) => c.event)).toEqual(['order_placed'])
    // built-in events exist on both sides; they only gain the routes the new catalog declares
    expect(result.changes.filter((c) => c.impact !== 'addition')).toEqual([])
  })
})

describe('event renames', () => {
  const RENAMED = ORDER.replace('  order_placed:', '  order_submitted:').replace('An order was placed.', 'An order was submitted.')

  it('reports a removed and an added event of the same kind and properties as one probable rename', () => {
    const changes = diff(ORDER, RENAMED)
    expect(codes(changes)).toEqual(['breaking event_renamed'])
    expect(changes[0]?.event).toBe('order_placed')
    expect(changes[0]?.message).toContain('`order_placed` was removed and `order_submitted` added with the same properties: probably a rename')
    expect(changes[0]?.location).toMatchObject({ file: 'events.catalog.yaml', line: 9, column: 3 })
    expect(changes[0]?.accepted).toBe(false)
    expect(changes[0]?.verdict).toContain('mark `order_placed` `deprecated:` first')
  })

  it('accepts the rename when the old event was deprecated at base', () => {
    const deprecated = ORDER.replace('    distinctId: userId', '    deprecated: use order_submitted\n    distinctId: userId')
    const changes = diff(deprecated, RENAMED)
    expect(codes(changes)).toEqual(['breaking event_renamed'])
    expect(changes[0]?.accepted).toBe(true)
  })

  it('keeps removal and addition apart when the properties differ', () => {
    const other = RENAMED.replace('      note: { type: string, optional: true }\n', '')
    expect(codes(diff(ORDER, other))).toEqual(['breaking event_removed', 'addition event_added'])
  })
})
