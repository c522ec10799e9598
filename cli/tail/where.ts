/**
 * `--where 'cost>0.05'`: field op value. Ops: = != > >= < <= ~ (substring).
 * Numeric comparison when both sides are numbers, string comparison otherwise.
 */
import { TailUsageError } from './errors.js'
import { fieldAt } from './line.js'

export const WHERE_OPS = ['!=', '>=', '<=', '=', '>', '<', '~'] as const
export type WhereOp = (typeof WHERE_OPS)[number]

export interface WhereClause {
  field: string
  op: WhereOp
  value: string
}

const CLAUSE = /^\s*([^\s=!<>~]+)\s*(!=|>=|<=|=|>|<|~)\s*(.*?)\s*$/

export function parseWhere(text: string): WhereClause {
  const match = CLAUSE.exec(text)
  if (!match || match[3] === undefined) {
    throw new TailUsageError(
      `--where '${text}' is not understood; write field, operator, value, e.g. --where 'cost>0.05' (operators: = != > >= < <= ~)`,
    )
  }
  const op = match[2] as WhereOp
  const raw = match[3]
  if (/^[=<>!~]/.test(raw) || (raw === '' && op !== '=' && op !== '!=')) {
    throw new TailUsageError(
      `--where '${text}' has ${raw === '' ? 'no value after' : 'a second operator after'} \`${op}\`; write one operator and a value, ` +
        `e.g. --where 'cost>0.05' (quote a value that starts with an operator: --where "msg='<none>'")`,
    )
  }
  return { field: match[1] as string, op, value: unquote(raw) }
}

function unquote(value: string): string {
  const first = value[0]
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1)
  return value
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

/** A missing field matches only `!=`. */
export function matchesWhere(record: Record<string, unknown>, clause: WhereClause): boolean {
  const actual = fieldAt(record, clause.field)
  if (actual === undefined || actual === null) return clause.op === '!='
  if (clause.op === '~') return asText(actual).includes(clause.value)
  const left = asNumber(actual)
  const right = asNumber(clause.value)
  const numeric = left !== undefined && right !== undefined && typeof actual !== 'boolean'
  const a: number | string = numeric ? (left as number) : asText(actual)
  const b: number | string = numeric ? (right as number) : clause.value
  switch (clause.op) {
    case '=':
      return a === b
    case '!=':
      return a !== b
    case '>':
      return a > b
    case '>=':
      return a >= b
    case '<':
      return a < b
    case '<=':
      return a <= b
  }
}
