import { describe, expect, it } from 'vitest'
import { jsonBody } from './json-body.js'

describe('jsonBody', () => {
  it('writes the items between head and tail, separated by commas', () => {
    expect(jsonBody(['{"a":1}', '{"b":2}']).toString('utf8')).toBe('[{"a":1},{"b":2}]')
    expect(jsonBody([]).toString('utf8')).toBe('[]')
    expect(jsonBody(['1'], '{"batch":[', '],"n":1}').toString('utf8')).toBe('{"batch":[1],"n":1}')
  })

  it('encodes text that is not ASCII and grows past its first estimate', () => {
    const wide = JSON.stringify({ msg: '日本語 ✓ 😀'.repeat(2000) })
    const items = [wide, '{"ascii":true}', wide]
    const body = jsonBody(items)
    expect(body.toString('utf8')).toBe(`[${items.join(',')}]`)
    expect(body.length).toBe(Buffer.byteLength(`[${items.join(',')}]`))
  })

  it('gives the same bytes as encoding the joined text, for many lines', () => {
    const items = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, event: 'logo_generated', note: i % 7 === 0 ? 'café' : 'plain' }))
    expect(jsonBody(items).equals(Buffer.from(`[${items.join(',')}]`))).toBe(true)
  })
})
