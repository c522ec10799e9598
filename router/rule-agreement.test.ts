import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LEVELS } from '../core/level.js'
import { reachedDestinations } from '../core/reach.js'
import { loadCatalog } from '../schema/load.js'
import { compileRouter } from './route.js'

const shipped = fileURLToPath(new URL('../events.catalog.yaml', import.meta.url))

describe('the run-time router and the catalog rule', () => {
  it("send every event of the shipped catalog, at every level, to the same destinations", () => {
    const { compiled: catalog } = loadCatalog(shipped)
    const router = compileRouter(catalog)
    let compared = 0
    for (const event of Object.values(catalog.events)) {
      if (event.sample !== undefined && event.sample < 1) continue
      for (const level of LEVELS) {
        const line = { level, time: '2026-01-01T00:00:00.000Z', eventId: 'e', event: event.name }
        const rule = reachedDestinations({ level, severity: event.severity, to: event.to }, catalog)
        expect([...router(line)].sort(), `${event.name} at ${level}`).toEqual([...rule].sort())
        compared++
      }
    }
    expect(compared).toBeGreaterThan(100)
    expect(router({ level: 'error', time: 't', eventId: 'e', event: 'not_in_catalog' })).toEqual(
      reachedDestinations({ level: 'error', to: [] }, catalog),
    )
  })
})
