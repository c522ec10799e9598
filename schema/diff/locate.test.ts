import { describe, expect, it } from 'vitest'
import { diffCatalogTexts } from './index.js'

const BASE = `catalog: 1
service: shop
destinations:
  posthog: { kind: posthog, apiKey: k }
events:
  order_placed:
    kind: analytics
    description: An order was placed.
    properties:
      orderId: { type: string }
      total: { type: number, min: 0 }
      channel: { type: enum, values: [web, app] }
    to: [posthog]
`

describe('locateChanges', () => {
  it('places a change in the current catalog and a removal in the base catalog', () => {
    const current = BASE.replace('      channel: { type: enum, values: [web, app] }\n', '').replace('min: 0', 'min: 1')
    const { changes } = diffCatalogTexts({ text: BASE, file: 'main:events.catalog.yaml' }, { text: current, file: 'events.catalog.yaml' }, { builtin: false })
    const [removed, narrowed] = changes
    expect(removed?.code).toBe('property_removed')
    expect(removed?.location).toEqual({ file: 'main:events.catalog.yaml', line: 12, column: 7 })
    // annotations go to the current file: the nearest surviving ancestor, the `properties` key
    expect(removed?.currentLocation).toEqual({ file: 'events.catalog.yaml', line: 9, column: 5 })
    expect(narrowed?.code).toBe('constraint_narrowed')
    expect(narrowed?.location).toEqual({ file: 'events.catalog.yaml', line: 11, column: 30 })
    expect(narrowed?.currentLocation).toEqual(narrowed?.location)
  })

  it('places a removed enum value at its item in the base list', () => {
    const current = BASE.replace('values: [web, app]', 'values: [web]')
    const { changes } = diffCatalogTexts({ text: BASE, file: 'base' }, { text: current, file: 'current' }, { builtin: false })
    expect(changes.map((c) => [c.code, c.location])).toEqual([['enum_value_removed', { file: 'base', line: 12, column: 44 }]])
  })
})
