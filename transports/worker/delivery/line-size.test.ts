import { describe, expect, it } from 'vitest'
import { byteSize, fitLine } from './line-size.js'
import type { LogLine } from './types.js'

const of = (line: LogLine): [string, LogLine] => [JSON.stringify(line), line]
const base: LogLine = { level: 'info', time: '2025-01-01T00:00:00.000Z', eventId: 'e1', event: 'upload' }

describe('fitLine', () => {
  it('leaves a line that fits as it is', () => {
    const [raw, line] = of({ ...base, note: 'short' })
    expect(fitLine(raw, line, 1000)).toEqual({ raw, line, cut: false })
  })

  it('cuts the largest string field with a marker until the line fits, keeping the identity fields', () => {
    const [raw, line] = of({ ...base, body: 'b'.repeat(10_000), title: 't'.repeat(300), props: { nested: 'n'.repeat(50) } })
    const fitted = fitLine(raw, line, 2000)
    if (!('raw' in fitted)) throw new Error('expected the line to fit')
    expect(fitted.cut).toBe(true)
    expect(byteSize(fitted.raw)).toBeLessThanOrEqual(2000)
    expect(fitted.line).toMatchObject({ eventId: 'e1', event: 'upload', title: 't'.repeat(300), props: { nested: 'n'.repeat(50) } })
    expect(String(fitted.line.body)).toMatch(/^b+…\[cut \d+ bytes\]$/)
    expect(JSON.parse(fitted.raw)).toEqual(fitted.line)
    // the original line is untouched
    expect(line.body).toHaveLength(10_000)
  })

  it('cuts multi-byte text by bytes', () => {
    const [raw, line] = of({ ...base, body: 'é'.repeat(5000) })
    const fitted = fitLine(raw, line, 3000)
    expect('raw' in fitted && byteSize(fitted.raw) <= 3000).toBe(true)
  })

  it('says why when even cut fields cannot make the line fit', () => {
    const [raw, line] = of({ ...base, ...Object.fromEntries(Array.from({ length: 200 }, (_, k) => [`field${k}`, k])) })
    const fitted = fitLine(raw, line, 500)
    expect(fitted).toEqual({ tooLarge: expect.stringMatching(/larger than the destination takes \(500 bytes\)/) })
  })
})
