/**
 * A line's properties as tables of figures: scalar properties in one table,
 * each map of scalars (`byModel: { gpt-4o: 12.5 }`) and each list of records
 * (`byDay: [{ day, cost, calls }]`) in a table of its own. Money-like names
 * (cost, usd, spend, price, and `total`) print as dollars.
 */
export interface FigureTable {
  /** absent for the table of scalar figures */
  title?: string
  columns: string[]
  rows: string[][]
}

const MONEY = /cost|usd|spend|price|^total$/i
type Scalar = string | number | boolean | null

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function formatFigure(name: string, value: unknown): string {
  if (typeof value === 'number') {
    if (MONEY.test(name)) {
      const digits = Math.abs(value) < 1 && value !== 0 ? 4 : 2
      return `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`
    }
    return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 4 })
  }
  if (value === null || value === undefined) return ''
  if (isScalar(value)) return String(value)
  return JSON.stringify(value)
}

/** The total a report leads with: `total…` at the top, or inside `totals`. */
export function findTotal(properties: Record<string, unknown>): { name: string; value: number } | undefined {
  const scopes = isRecord(properties.totals) ? [properties, properties.totals] : [properties]
  for (const scope of scopes) {
    for (const name of ['totalUsd', 'totalCostUsd', 'totalCost', 'total', 'cost', 'costUsd']) {
      const value = scope[name]
      if (typeof value === 'number') return { name, value }
    }
  }
  return undefined
}

export function figureTables(properties: Record<string, unknown>): FigureTable[] {
  const scalars: string[][] = []
  const tables: FigureTable[] = []
  const visit = (prefix: string, props: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(props)) {
      const name = prefix ? `${prefix}.${key}` : key
      if (value === undefined) continue
      if (isScalar(value)) {
        scalars.push([name, formatFigure(key, value)])
      } else if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
        const columns = [...new Set(value.flatMap((row) => Object.keys(row)))]
        tables.push({ title: name, columns, rows: value.map((row) => columns.map((c) => formatFigure(c, row[c]))) })
      } else if (isRecord(value) && Object.values(value).every(isScalar)) {
        if (key === 'totals') {
          visit(name, value)
          continue
        }
        // `byModel: { gpt-4o: 12.5 }` is a breakdown of cost, as linecast's cost queries return it
        const money = MONEY.test(key) || /^by[A-Z]/.test(key)
        const label = key.replace(/^by([A-Z])/, (_m, c: string) => c.toLowerCase())
        const rows = Object.entries(value).map(([k, v]) => [k, formatFigure(money ? 'cost' : k, v)])
        tables.push({ title: name, columns: [label, money ? 'cost' : 'value'], rows })
      } else if (isRecord(value)) {
        visit(name, value)
      } else {
        scalars.push([name, formatFigure(key, value)])
      }
    }
  }
  visit('', properties)
  return scalars.length > 0 ? [{ columns: ['figure', 'value'], rows: scalars }, ...tables] : tables
}
