import { expect, test } from 'vitest'
import { parseSource } from './source.js'

const text = ['catalog: 1', 'events:', '  logo_generated:', '    to: [posthog, sentry]', '    properties:', '      brandId: { type: string }', ''].join('\n')

test('points at keys and values by path, 1-based', () => {
  const { source, diagnostics } = parseSource(text, 'f.yaml')
  expect(diagnostics).toEqual([])
  expect(source.position(['events', 'logo_generated'], 'key')).toEqual({ line: 3, column: 3 })
  expect(source.position(['events', 'logo_generated', 'to'], 'key')).toEqual({ line: 4, column: 5 })
  expect(source.position(['events', 'logo_generated', 'to', 1])).toEqual({ line: 4, column: 19 })
  expect(source.position(['events', 'logo_generated', 'properties', 'brandId', 'type'])).toEqual({ line: 6, column: 24 })
})

test('a path that does not exist points at its nearest existing key', () => {
  const { source } = parseSource(text, 'f.yaml')
  expect(source.position(['events', 'logo_generated', 'description'], 'key')).toEqual({ line: 3, column: 3 })
  expect(source.position(['nothing'])).toEqual({ line: 1, column: 1 })
})

test('syntax errors carry their position', () => {
  const { diagnostics } = parseSource('a: 1\nb: [1, 2\nc: 3\n', 'f.yaml')
  expect(diagnostics.length).toBeGreaterThan(0)
  expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'LC_YAML_SYNTAX', file: 'f.yaml' })
  expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(2)
})
