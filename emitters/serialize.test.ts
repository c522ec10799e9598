import { describe, expect, it } from 'vitest'
import { quote, stringifyValue } from './serialize.js'

describe('quote', () => {
  it('matches JSON.stringify for plain, escaped, control, unicode and lone-surrogate strings', () => {
    const samples = ['', 'plain', 'a"b', 'back\\slash', 'new\nline', 'tab\t', '\u0000\u001f', 'émoji 🎨', '\ud800 lone', 'x'.repeat(500)]
    for (const s of samples) expect(quote(s)).toBe(JSON.stringify(s))
  })
})

describe('stringifyValue', () => {
  it('writes JSON for each type, null for non-finite numbers, nothing for undefined and functions', () => {
    expect(stringifyValue(1.5)).toBe('1.5')
    expect(stringifyValue(Number.NaN)).toBe('null')
    expect(stringifyValue(Infinity)).toBe('null')
    expect(stringifyValue(true)).toBe('true')
    expect(stringifyValue(null)).toBe('null')
    expect(stringifyValue({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}')
    expect(stringifyValue(10n)).toBe('"10"')
    expect(stringifyValue(undefined)).toBeUndefined()
    expect(stringifyValue(() => 1)).toBeUndefined()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(stringifyValue(cyclic)).toBe('"[Unserializable]"')
  })
})
