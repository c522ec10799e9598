import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const SOURCES = [
  './errors.ts',
  './supabase.ts',
  '../../../schema/sql/identifier.ts',
  '../../../schema/sql/audit-log-sql.ts',
  '../../../integrations/audit-log/cost-queries.ts',
]

function read(path: string): string {
  return readFileSync(new URL(path, import.meta.url), 'utf8')
}

describe('audit_log README', () => {
  it('lists every error code the destination, its SQL and the cost queries can raise', () => {
    const codes = SOURCES.flatMap((file) => [...read(file).matchAll(/(?:super|new LinecastError)\(\s*'([A-Z_]+)'/g)].map((m) => m[1]))
    expect(codes.length).toBeGreaterThanOrEqual(9)
    const readme = read('./README.md')
    expect(codes.filter((code) => !readme.includes(`\`${code}\``))).toEqual([])
  })
})
