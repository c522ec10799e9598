import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8')
const codesIn = (file: string): string[] => [...read(file).matchAll(/super\(\s*'([A-Z_]+)'/g)].map((m) => m[1] as string)

describe('READMEs of jobs, monitors and reports', () => {
  it('list every error code these areas and their commands raise', () => {
    const areas: Array<[string, string[]]> = [
      ['../monitors/README.md', ['../monitors/performance.ts', '../monitors/cron.ts']],
      ['./README.md', ['./window.ts', '../audit-log/cost-queries.ts', '../../transports/sinks/audit-log/prune.ts', '../../cli/commands/audit-database.ts']],
    ]
    for (const [readme, sources] of areas) {
      const codes = sources.flatMap(codesIn)
      expect(codes.length).toBeGreaterThanOrEqual(sources.length)
      const text = read(readme)
      expect(codes.filter((code) => !text.includes(`\`${code}\``)), readme).toEqual([])
    }
  })
})
