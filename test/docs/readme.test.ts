/**
 * README.md stays true: every error code the code can throw, every catalog
 * diagnostic and every CLI command is documented there.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { commands } from '../../cli/registry.js'
import { DIAGNOSTIC_CODES } from '../../schema/diagnostic-codes.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const readme = readFileSync(join(root, 'README.md'), 'utf8')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : []
  })
}

/** Codes given to LinecastError subclasses: `super('CODE', …)` or `readonly code = 'CODE'`. */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>()
  for (const area of ['schema', 'emitters', 'router', 'transports', 'cli']) {
    for (const file of sourceFiles(join(root, area))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:super\(\s*|readonly code = |override readonly code = )'([A-Z][A-Z0-9_]{3,})'/g)) {
        found.set(m[1] as string, relative(root, file))
      }
    }
  }
  return found
}

describe('README.md', () => {
  it('names the two commands of a fresh clone, and CI runs the same one', () => {
    const developing = readme.slice(readme.indexOf('# Developing linecast'))
    expect(developing).toMatch(/^npm ci && npm start\b/m)
    expect(developing).toMatch(/^bash scripts\/test-all\.sh\b/m)
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).toMatch(/^exec bash scripts\/test-all\.sh$/m)
    // the user's half comes first: it does not open with the repository's scripts
    expect(readme.indexOf('## Install')).toBeLessThan(readme.indexOf('# Developing linecast'))
  })

  it('documents every error code the library throws', () => {
    const codes = thrownCodes()
    expect(codes.size).toBeGreaterThan(20)
    const missing = [...codes].filter(([code]) => !readme.includes(`\`${code}\``)).map(([code, file]) => `${code} (${file})`)
    expect(missing).toEqual([])
  })

  it('documents every catalog diagnostic', () => {
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !readme.includes(`\`${code}\``))
    expect(missing).toEqual([])
  })

  it('documents every CLI command', () => {
    const missing = commands.map((c) => c.name).filter((name) => !readme.includes(`linecast ${name}`))
    expect(missing).toEqual([])
  })
})
