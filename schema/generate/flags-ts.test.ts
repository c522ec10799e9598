import { describe, expect, it } from 'vitest'
import { sampleCompiled } from '../../test/cli/fixtures/sample-compiled.js'
import type { CompiledCatalog } from '../compiled.js'
import { FlagNameReservedError, flagValueType, renderFlagsTs } from './flags-ts.js'
import { generateFiles } from './index.js'

function withFlags(flags: CompiledCatalog['flags']): CompiledCatalog {
  return { ...sampleCompiled(), flags }
}

describe('flags part of events.ts', () => {
  it('types a boolean flag as boolean and a multivariate flag as the union of its variants', () => {
    expect(flagValueType({ name: 'a', helper: 'a', description: 'x', default: false })).toBe('boolean')
    expect(flagValueType({ name: 'b', helper: 'b', description: 'x', variants: ['control', 'test'], default: 'control' })).toBe('"control" | "test"')
  })

  it('writes one member per flag, sorted by flag name, with its default in the doc', () => {
    const text = renderFlagsTs(
      withFlags({
        new_wizard: { name: 'new_wizard', helper: 'newWizard', description: 'New wizard.', owner: 'product', variants: ['control', 'test'], default: 'control' },
        fast_mockups: { name: 'fast_mockups', helper: 'fastMockups', description: 'Faster mockups.', default: false },
      }),
    )
    expect(text).toContain('export interface LinecastFlags {')
    expect(text).toContain('  fastMockups: boolean\n')
    expect(text).toContain('  newWizard: "control" | "test"\n')
    expect(text).toContain('default "control" when PostHog cannot answer')
    expect(text).toContain('Owner: product')
    expect(text.indexOf('fastMockups')).toBeLessThan(text.indexOf('newWizard'))
  })

  it('writes an empty interface for a catalog without flags, so code importing it compiles', () => {
    expect(renderFlagsTs(withFlags({}))).toContain('export interface LinecastFlags {}\n')
  })

  it('is appended to events.ts by generateFiles', () => {
    const files = generateFiles(withFlags({ beta: { name: 'beta', helper: 'beta', description: 'Beta.', default: true } }), { catalogFile: 'c.yaml' })
    const events = files.find((f) => f.path === 'events.ts')?.contents ?? ''
    expect(events.trimEnd().endsWith('  beta: boolean\n}')).toBe(true)
  })

  it('refuses a flag named after a method of the flag client', () => {
    const compiled = withFlags({ shutdown: { name: 'shutdown', helper: 'shutdown', description: 'x', default: false } })
    expect(() => renderFlagsTs(compiled)).toThrow(FlagNameReservedError)
    expect(() => renderFlagsTs(compiled)).toThrow(/rename the flag/)
  })

  it('refuses an event whose interface would be LinecastFlags', () => {
    const compiled = sampleCompiled()
    const event = compiled.events['logo_generated']
    if (event === undefined) throw new Error('fixture changed')
    compiled.events['linecast_flags'] = { ...event, name: 'linecast_flags', helper: 'linecastFlags' }
    expect(() => renderFlagsTs(compiled)).toThrow(/LinecastFlags/)
  })
})
