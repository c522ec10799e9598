import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

function read(path: string): string {
  return readFileSync(new URL(path, import.meta.url), 'utf8')
}

describe('alerts README', () => {
  it('lists every error code the alerts raise', () => {
    const codes = [...read('./errors.ts').matchAll(/super\(\s*'([A-Z_]+)'/g)].map((m) => m[1])
    expect(codes.length).toBeGreaterThanOrEqual(1)
    expect(codes.filter((code) => !read('./README.md').includes(`\`${code}\``))).toEqual([])
  })
})
