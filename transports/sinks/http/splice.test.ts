import { describe, expect, it } from 'vitest'
import { spliceField } from './splice.js'

describe('spliceField', () => {
  it('adds a field before the closing brace, keeping the text as it was', () => {
    expect(spliceField('{"a":1,"b":"x"}', 'dt', '2025-01-01T00:00:00.000Z')).toBe('{"a":1,"b":"x","dt":"2025-01-01T00:00:00.000Z"}')
    expect(JSON.parse(spliceField('{"a":{"n":[1,2]}} ', 'k', 2))).toEqual({ a: { n: [1, 2] }, k: 2 })
  })

  it('handles an empty object and refuses what is not one', () => {
    expect(spliceField('{}', 'k', true)).toBe('{"k":true}')
    expect(() => spliceField('[1]', 'k', 1)).toThrow(TypeError)
  })
})
