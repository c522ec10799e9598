import { describe, expect, it } from 'vitest'
import { sampleCompiled } from '../../test/cli/fixtures/sample-compiled.js'
import { GENERATED_PATHS, GenerateNameCollisionError, generateFiles } from './index.js'

describe('generateFiles', () => {
  it('returns the four files, byte-identical across runs', () => {
    const a = generateFiles(sampleCompiled(), { catalogFile: '/somewhere/events.catalog.yaml' })
    const b = generateFiles(sampleCompiled(), { catalogFile: '/elsewhere/events.catalog.yaml' })
    expect(a.map((f) => f.path)).toEqual([...GENERATED_PATHS])
    expect(a).toEqual(b)
  })

  it('does not depend on the order the catalog was built in', () => {
    const compiled = sampleCompiled()
    const reversed = { ...compiled, events: Object.fromEntries(Object.entries(compiled.events).reverse()) }
    expect(generateFiles(reversed, { catalogFile: 'c.yaml' })).toEqual(generateFiles(compiled, { catalogFile: 'c.yaml' }))
  })

  it('writes catalog.json as sorted, pretty JSON ending in a newline', () => {
    const json = generateFiles(sampleCompiled(), { catalogFile: 'c.yaml' }).find((f) => f.path === 'catalog.json')?.contents ?? ''
    expect(json.endsWith('}\n')).toBe(true)
    expect(JSON.parse(json)).toEqual(sampleCompiled())
    expect(Object.keys(JSON.parse(json) as object)).toEqual([...Object.keys(sampleCompiled())].sort())
    // property order is the author's
    expect(json.indexOf('"brandId"')).toBeLessThan(json.indexOf('"style"'))
  })

  it('refuses two events that generate the same TypeScript name', () => {
    const compiled = sampleCompiled()
    const event = compiled.events['logo_generated']
    if (event === undefined) throw new Error('fixture changed')
    compiled.events['logo__generated'] = { ...event, name: 'logo__generated' }
    expect(() => generateFiles(compiled, { catalogFile: 'c.yaml' })).toThrow(GenerateNameCollisionError)
    expect(() => generateFiles(compiled, { catalogFile: 'c.yaml' })).toThrow(/rename one of them/)
  })
})
