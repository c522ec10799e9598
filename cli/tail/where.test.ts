import { describe, expect, it } from 'vitest'
import { TailUsageError } from './errors.js'
import { matchesWhere, parseWhere } from './where.js'

describe('parseWhere', () => {
  it('reads field, operator and value, quotes removed', () => {
    expect(parseWhere('cost>0.05')).toEqual({ field: 'cost', op: '>', value: '0.05' })
    expect(parseWhere(" model = 'flux-2-pro' ")).toEqual({ field: 'model', op: '=', value: 'flux-2-pro' })
    expect(parseWhere('note=')).toEqual({ field: 'note', op: '=', value: '' })
  })

  it('refuses a comparison with nothing to compare to, or a doubled operator', () => {
    for (const text of ['cost>', 'cost>>1', 'cost<>1', 'cost=>1', 'cost>=<1', 'model~']) {
      expect(() => parseWhere(text), text).toThrow(TailUsageError)
    }
  })

  it('still matches with the parsed clause', () => {
    expect(matchesWhere({ cost: 0.06 }, parseWhere('cost>0.05'))).toBe(true)
    expect(matchesWhere({ note: '' }, parseWhere('note='))).toBe(true)
  })
})
