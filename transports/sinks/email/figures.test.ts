import { describe, expect, it } from 'vitest'
import { figureTables, findTotal, formatFigure } from './figures.js'

describe('formatFigure', () => {
  it('prints money-like names as dollars and counts with separators', () => {
    expect(formatFigure('totalUsd', 1234.5)).toBe('$1,234.50')
    expect(formatFigure('cost', 0.0042)).toBe('$0.0042')
    expect(formatFigure('cost', 0)).toBe('$0.00')
    expect(formatFigure('calls', 12345)).toBe('12,345')
    expect(formatFigure('ratio', 0.123456)).toBe('0.1235')
    expect(formatFigure('model', 'gpt-4o')).toBe('gpt-4o')
    expect(formatFigure('x', undefined)).toBe('')
  })
})

describe('findTotal', () => {
  it('finds a total at the top or inside totals', () => {
    expect(findTotal({ totalUsd: 12, cost: 3 })).toEqual({ name: 'totalUsd', value: 12 })
    expect(findTotal({ totals: { total: 9.5, calls: 3 } })).toEqual({ name: 'total', value: 9.5 })
    expect(findTotal({ calls: 3 })).toBeUndefined()
  })
})

describe('figureTables', () => {
  it('puts scalars in one table, cost breakdowns and record lists in their own', () => {
    const tables = figureTables({
      from: '2025-03-01',
      totals: { total: 42.5, calls: 1200 },
      byModel: { 'gpt-4o': 30, 'flux-pro': 12.5 },
      byDay: [
        { day: '2025-03-01', cost: 20, calls: 600 },
        { day: '2025-03-02', cost: 22.5, calls: 600 },
      ],
    })
    expect(tables).toEqual([
      { columns: ['figure', 'value'], rows: [['from', '2025-03-01'], ['totals.total', '$42.50'], ['totals.calls', '1,200']] },
      { title: 'byModel', columns: ['model', 'cost'], rows: [['gpt-4o', '$30.00'], ['flux-pro', '$12.50']] },
      { title: 'byDay', columns: ['day', 'cost', 'calls'], rows: [['2025-03-01', '$20.00', '600'], ['2025-03-02', '$22.50', '600']] },
    ])
  })

  it('gives no table for no properties', () => {
    expect(figureTables({})).toEqual([])
  })
})
