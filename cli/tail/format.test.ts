import { describe, expect, it } from 'vitest'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { createPalette, shouldColor } from './color.js'
import { formatLine } from './format.js'
import { parseLine } from './line.js'
import { formatDuration } from './values.js'

const plain = { palette: createPalette(false), timeZone: 'utc' as const }
const logo = JSON.stringify({
  level: 'info',
  time: '2026-01-01T10:20:30.045Z',
  service: 'bmn-api',
  env: 'development',
  eventId: '0b7a5d1c-3f7e-4c71-9d8a-4c1f0e4f2a10',
  event: 'logo_generated',
  kind: 'analytics',
  requestId: 'r1',
  userId: 'u1',
  brandId: 'b1',
  model: 'flux-2-pro',
  duration_ms: 840,
  cost: 0.06,
  msg: 'Logo generated for b1 with flux-2-pro',
})

describe('tail format', () => {
  it('prints time, level, event, every non-standard field and the request without a catalog', () => {
    expect(formatLine(parseLine(logo), plain)).toBe(
      '10:20:30.045 INFO  logo_generated userId=u1 brandId=b1 model=flux-2-pro duration_ms=840ms cost=$0.0600 req=r1',
    )
  })

  it('prints only the catalog properties of a known event', () => {
    const compiled = {
      events: { logo_generated: { properties: { model: { type: 'string' }, cost: { type: 'number' } } } },
    } as unknown as CompiledCatalog
    expect(formatLine(parseLine(logo), { ...plain, compiled })).toBe(
      '10:20:30.045 INFO  logo_generated model=flux-2-pro cost=$0.0600 req=r1',
    )
  })

  it('prints plain logs by message, numeric levels by name', () => {
    const line = JSON.stringify({ level: 40, time: 1767262830045, msg: 'slow query', responseTime: 1240, err: { type: 'TypeError', message: 'x is undefined' } })
    expect(formatLine(parseLine(line), plain)).toBe('10:20:30.045 WARN  slow query responseTime=1.24s err="TypeError: x is undefined"')
  })

  it('marks an invalid event with its name and first issue', () => {
    const line = JSON.stringify({
      level: 'error',
      time: '2026-01-01T10:20:30.045Z',
      event: 'linecast.invalid_event',
      invalidEvent: 'logo_generated',
      issues: [{ path: ['cost'], code: 'invalid_type', message: 'expected number, received string' }],
      msg: 'invalid event logo_generated',
    })
    expect(formatLine(parseLine(line), plain)).toBe(
      '10:20:30.045 ERROR ✖ INVALID EVENT logo_generated  cost: expected number, received string (invalid_type)',
    )
    const coloured = formatLine(parseLine(line), { ...plain, palette: createPalette(true) })
    expect(coloured).toContain('\u001b[')
    expect(coloured).toContain('logo_generated')
  })

  it('passes non-JSON text through untouched', () => {
    expect(formatLine(parseLine('  > server listening {port}'), plain)).toBe('  > server listening {port}')
  })

  it('formats durations in ms, seconds and minutes', () => {
    expect([formatDuration(840), formatDuration(1240), formatDuration(125_000)]).toEqual(['840ms', '1.24s', '2m05s'])
  })

  it('colours a terminal unless NO_COLOR is set; flags win', () => {
    expect(shouldColor({ isTTY: true, env: {} })).toBe(true)
    expect(shouldColor({ isTTY: false, env: {} })).toBe(false)
    expect(shouldColor({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(shouldColor({ flag: true, isTTY: false, env: { NO_COLOR: '1' } })).toBe(true)
    expect(shouldColor({ flag: false, isTTY: true, env: {} })).toBe(false)
  })
})
