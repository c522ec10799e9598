/**
 * Answers about AI spend from the audit_log table: cost per day, per model,
 * per group of any cost-event properties, the top spenders, and a period's
 * totals. Cost rows are those of `kind: cost` events (ai_api_call ...), whose
 * metadata carries their properties: `model`, `cost`, `inputTokens`,
 * `outputTokens`, `images`, `success`, and whatever else the catalog declares.
 * Parameterised SQL only; the table name is validated and quoted.
 */
import { LinecastError } from '../../core/errors.js'
import { parseTableName } from '../../schema/sql/identifier.js'
import type { Queryable } from '../../schema/sql/queryable.js'

export type { Queryable } from '../../schema/sql/queryable.js'

export class CostQueryError extends LinecastError {
  constructor(problem: string) {
    super('COST_QUERY_INVALID', `cost query: ${problem}`)
  }
}

/** A half-open period [from, to) and where to look. */
export interface CostWindow {
  from: Date | string
  to: Date | string
  /** `name` or `schema.name`; default audit_log */
  table?: string
  /** only rows of this event (metadata.event), e.g. `ai_api_call`; default every cost event */
  event?: string
}

export interface DailyCost {
  /** YYYY-MM-DD in the query's time zone */
  day: string
  cost: number
  calls: number
}

export interface ModelCost {
  /** null when the rows carry no model */
  model: string | null
  cost: number
  calls: number
  failedCalls: number
  inputTokens: number
  outputTokens: number
  images: number
}

export interface Spender {
  userId: string
  cost: number
  calls: number
}

export interface CostTotals {
  total: number
  calls: number
  /** rows whose metadata says `success: false` */
  failedCalls: number
  inputTokens: number
  outputTokens: number
  images: number
  /** cost by model; rows without a model count under `unknown` */
  byModel: Record<string, number>
}

/** A metadata number, 0 when absent or not a number (a stray string never breaks a report). */
function num(field: string): string {
  return `case when jsonb_typeof(metadata -> '${field}') = 'number' then (metadata ->> '${field}')::numeric else 0 end`
}

const COST = `coalesce(sum(${num('cost')}), 0)::float8`
const CALLS = 'count(*)::int'
const FAILED = `(count(*) filter (where metadata -> 'success' = 'false'::jsonb))::int`
const INPUT = `coalesce(sum(${num('inputTokens')}), 0)::float8`
const OUTPUT = `coalesce(sum(${num('outputTokens')}), 0)::float8`
const IMAGES = `coalesce(sum(${num('images')}), 0)::float8`

function isoInstant(value: Date | string, name: string): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw new CostQueryError(`${name} ${JSON.stringify(value)} is not a date`)
  return date.toISOString()
}

interface Scope {
  table: string
  /** the WHERE clause, parameters $1.. */
  where: string
  params: unknown[]
}

function scope(window: CostWindow): Scope {
  const from = isoInstant(window.from, 'from')
  const to = isoInstant(window.to, 'to')
  if (from >= to) throw new CostQueryError(`the window is empty: from (${from}) must be before to (${to})`)
  let table: string
  try {
    table = parseTableName(window.table ?? 'audit_log').quoted
  } catch (error) {
    throw new CostQueryError((error as Error).message)
  }
  const params: unknown[] = [from, to]
  let where = `metadata ->> 'kind' = 'cost' and created_at >= $1::timestamptz and created_at < $2::timestamptz`
  if (window.event !== undefined) {
    params.push(window.event)
    where += ` and metadata ->> 'event' = $${params.length}`
  }
  return { table, where, params }
}

type Row = Record<string, unknown>

async function select(db: Queryable, sql: string, params: unknown[]): Promise<Row[]> {
  const { rows } = await db.query(sql, params)
  return rows as Row[]
}

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))

/** Spend per day, oldest first; days without spend are absent. `timeZone`: an IANA name, default UTC. */
export async function costPerDay(db: Queryable, window: CostWindow & { timeZone?: string }): Promise<DailyCost[]> {
  const s = scope(window)
  const params = [...s.params, window.timeZone ?? 'UTC']
  const day = `to_char(created_at at time zone $${params.length}, 'YYYY-MM-DD')`
  const rows = await select(
    db,
    `select ${day} as day, ${COST} as cost, ${CALLS} as calls from ${s.table} where ${s.where} group by 1 order by 1`,
    params,
  )
  return rows.map((r) => ({ day: String(r.day), cost: n(r.cost), calls: n(r.calls) }))
}

/** Spend and usage per model, largest spend first. */
export async function costPerModel(db: Queryable, window: CostWindow): Promise<ModelCost[]> {
  const s = scope(window)
  const rows = await select(
    db,
    `select metadata ->> 'model' as model, ${COST} as cost, ${CALLS} as calls, ${FAILED} as failed, ` +
      `${INPUT} as input, ${OUTPUT} as output, ${IMAGES} as images ` +
      `from ${s.table} where ${s.where} group by 1 order by cost desc, model`,
    s.params,
  )
  return rows.map((r) => ({
    model: textOrNull(r.model),
    cost: n(r.cost),
    calls: n(r.calls),
    failedCalls: n(r.failed),
    inputTokens: n(r.input),
    outputTokens: n(r.output),
    images: n(r.images),
  }))
}

/** One group of `costBy`: the value of each grouping property (null when a row lacks it), spend and calls. */
export interface CostGroup {
  key: Record<string, string | null>
  cost: number
  calls: number
}

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Spend grouped by properties of the cost events (their metadata), largest
 * first: `costBy(db, { ...window, by: ['model', 'tenantId'] })`.
 */
export async function costBy(db: Queryable, window: CostWindow & { by: readonly string[] }): Promise<CostGroup[]> {
  if (window.by.length === 0) throw new CostQueryError('by names no property; give one or more, e.g. [\'model\']')
  const bad = window.by.find((name) => !PROPERTY_NAME.test(name))
  if (bad !== undefined) throw new CostQueryError(`by: ${JSON.stringify(bad)} is not a property name`)
  const s = scope(window)
  const params = [...s.params, ...window.by]
  const first = s.params.length + 1
  const columns = window.by.map((_, i) => `metadata ->> $${first + i}::text as g${i}`).join(', ')
  const groups = window.by.map((_, i) => String(i + 1)).join(', ')
  const order = window.by.map((_, i) => `g${i}`).join(', ')
  const rows = await select(
    db,
    `select ${columns}, ${COST} as cost, ${CALLS} as calls from ${s.table} where ${s.where} group by ${groups} order by cost desc, ${order}`,
    params,
  )
  return rows.map((r) => ({
    key: Object.fromEntries(window.by.map((name, i) => [name, textOrNull(r[`g${i}`])])),
    cost: n(r.cost),
    calls: n(r.calls),
  }))
}

/** The users (user_id) who spent most in the window; `limit` 1..1000, default 10. */
export async function topSpenders(db: Queryable, window: CostWindow & { limit?: number }): Promise<Spender[]> {
  const limit = window.limit ?? 10
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CostQueryError(`limit must be an integer from 1 to 1000, not ${limit}`)
  const s = scope(window)
  const params = [...s.params, limit]
  const rows = await select(
    db,
    `select user_id, ${COST} as cost, ${CALLS} as calls from ${s.table} where ${s.where} and user_id is not null ` +
      `group by 1 order by cost desc, user_id limit $${params.length}`,
    params,
  )
  return rows.map((r) => ({ userId: String(r.user_id), cost: n(r.cost), calls: n(r.calls) }))
}

function byKey(rows: ReadonlyArray<{ key: string | null; cost: number }>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const { key, cost } of rows) out[key ?? 'unknown'] = (out[key ?? 'unknown'] ?? 0) + cost
  return out
}

/** Everything about one period: total spend, calls, failures, tokens, images, and spend by model. */
export async function costTotals(db: Queryable, window: CostWindow): Promise<CostTotals> {
  const s = scope(window)
  const [totals] = await select(
    db,
    `select ${COST} as cost, ${CALLS} as calls, ${FAILED} as failed, ${INPUT} as input, ${OUTPUT} as output, ${IMAGES} as images ` +
      `from ${s.table} where ${s.where}`,
    s.params,
  )
  const models = await costPerModel(db, window)
  return {
    total: n(totals?.cost),
    calls: n(totals?.calls),
    failedCalls: n(totals?.failed),
    inputTokens: n(totals?.input),
    outputTokens: n(totals?.output),
    images: n(totals?.images),
    byModel: byKey(models.map((m) => ({ key: m.model, cost: m.cost }))),
  }
}
