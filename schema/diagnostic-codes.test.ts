import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { DIAGNOSTIC_CODES } from './diagnostic-codes.js'
import { LINT_RULES } from './lint.js'

function sources(dir: URL): string[] {
  const path = fileURLToPath(dir)
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory() && entry.name === 'read') return sources(new URL('read/', dir))
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name === 'diagnostic-codes.ts') return []
    return [readFileSync(`${path}/${entry.name}`, 'utf8')]
  })
}

test('every code the loader reports is documented, and every documented code is used', () => {
  const used = new Set<string>()
  for (const text of sources(new URL('./', import.meta.url))) for (const match of text.matchAll(/'(LC_[A-Z_]+)'/g)) used.add(match[1] ?? '')
  expect([...used].sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort())
})

test('lint rules are documented with their severity', () => {
  for (const rule of LINT_RULES) expect(DIAGNOSTIC_CODES[rule.code]?.severity).toBe(rule.severity)
})
