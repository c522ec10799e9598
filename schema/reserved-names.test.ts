import { describe, expect, test } from 'vitest'
import { loadCatalogText } from './load.js'

function reserved(context: string): string[] {
  const text = ['catalog: 1', 'service: s', `context: ${context}`, 'events:', '  thing_happened: { kind: metric, description: d }', ''].join('\n')
  return loadCatalogText(text, 'c.yaml', { builtin: false })
    .diagnostics.filter((d) => d.code === 'LC_RESERVED_PROPERTY')
    .map((d) => `${d.line}:${d.column} ${d.message}`)
}

describe('context fields named like a field every line carries', () => {
  test('are errors with the position of the entry', () => {
    const found = reserved('[requestId, level, msg]')
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/^3:22 context field `level` collides with the `level` field every line carries; rename it/)
    expect(found[1]).toMatch(/^3:29 context field `msg` collides/)
  })

  test('ordinary correlation fields pass', () => {
    expect(reserved('[requestId, userId, tenantId, brandId, jobId]')).toEqual([])
  })
})

describe('a deprecated event', () => {
  function found(deprecated: string): string[] {
    const text = ['catalog: 1', 'service: s', 'events:', '  thing_happened:', '    kind: metric', '    description: d', deprecated, '    properties:', '      deprecated: { type: boolean }', ''].join('\n')
    return loadCatalogText(text, 'c.yaml', { builtin: false })
      .diagnostics.filter((d) => d.code === 'LC_RESERVED_PROPERTY')
      .map((d) => `${d.line}:${d.column} ${d.message}`)
  }

  test('may not have a property named `deprecated`: its lines carry `deprecated: true`', () => {
    expect(found('    deprecated: use other_thing_happened')).toEqual([
      expect.stringMatching(/^9:7 property `deprecated` collides with the `deprecated: true` every line of the deprecated event `thing_happened` carries; rename it/),
    ])
  })

  test('an event that is not deprecated may', () => {
    expect(found('    owner: o')).toEqual([])
  })
})
