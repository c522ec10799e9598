import { randomBytes, randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogStatements } from '../../schema/sql/audit-log-sql.js'
import { DATABASE_URL, requireService } from '../../test/support/services.js'
import {
  CostQueryError,
  costBy,
  costPerDay,
  costPerModel,
  costTotals,
  type Queryable,
  topSpenders,
} from './cost-queries.js'

interface Seed {
  at: string
  user?: string
  kind?: string
  event?: string
  meta: Record<string, unknown>
}

const SEEDS: Seed[] = [
  { at: '2025-03-01T10:00:00Z', user: 'u1', meta: { model: 'gpt-4o', brandId: 'brand-a', cost: 0.1, inputTokens: 100, outputTokens: 50, success: true } },
  { at: '2025-03-01T23:30:00Z', user: 'u2', meta: { model: 'gpt-4o', brandId: 'brand-b', cost: 0.2, inputTokens: 200, outputTokens: 100, success: true } },
  { at: '2025-03-02T00:30:00Z', user: 'u1', meta: { model: 'dall-e-3', brandId: 'brand-a', cost: 0.04, images: 1, success: true } },
  { at: '2025-03-02T12:00:00Z', user: 'u1', meta: { model: 'dall-e-3', brandId: 'brand-a', cost: 0.08, images: 2, success: false } },
  { at: '2025-03-03T08:00:00Z', user: 'u3', meta: { model: 'claude', brandId: 'brand-b', cost: 1.5, inputTokens: 1000, outputTokens: 2000, success: true } },
  // no user, model or brand, and a cost that is not a number: counted as a call costing 0
  { at: '2025-03-03T09:00:00Z', meta: { cost: '0.5' } },
  { at: '2025-03-03T10:00:00Z', user: 'u2', event: 'video_rendered', meta: { model: 'veo', brandId: 'brand-b', cost: 0.3, success: true } },
  // outside the window (its end is exclusive), or not a cost row
  { at: '2025-02-28T23:59:59Z', user: 'u3', meta: { model: 'claude', brandId: 'brand-b', cost: 9 } },
  { at: '2025-03-04T00:00:00Z', user: 'u3', meta: { model: 'claude', brandId: 'brand-b', cost: 9 } },
  { at: '2025-03-02T00:00:00Z', user: 'u9', kind: 'audit', event: 'brand_deleted', meta: { cost: 100, model: 'claude' } },
]

const WINDOW = { from: '2025-03-01T00:00:00Z', to: new Date('2025-03-04T00:00:00Z') }

async function seed(db: Queryable, table: string): Promise<void> {
  for (const statement of auditLogStatements(table)) await db.query(statement)
  for (const s of SEEDS) {
    const event = s.event ?? 'ai_api_call'
    await db.query(`insert into "${table}" (id, created_at, user_id, action, resource_type, metadata) values ($1, $2, $3, $4, $5, $6::jsonb)`, [
      randomUUID(),
      s.at,
      s.user ?? null,
      event,
      s.kind ?? 'cost',
      JSON.stringify({ event, kind: s.kind ?? 'cost', service: 'brand-api', ...s.meta }),
    ])
  }
}

const backends: Array<[string, () => Promise<{ db: Queryable; close: () => Promise<void> }>]> = [
  [
    'PGlite',
    async () => {
      const db = await PGlite.create('memory://')
      return { db, close: () => db.close() }
    },
  ],
  [
    'Postgres (pg.Pool)',
    async () => {
      await requireService('postgres')
      const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
      return { db: pool, close: () => pool.end() }
    },
  ],
]

describe.each(backends)('cost queries on %s', (_name, open) => {
  let db: Queryable
  let close: () => Promise<void>
  const table = `audit_log_cost_${randomBytes(4).toString('hex')}`
  const window = { ...WINDOW, table }

  beforeAll(async () => {
    ;({ db, close } = await open())
    await seed(db, table)
  })
  afterAll(async () => {
    await db.query(`drop table if exists "${table}"`)
    await close()
  })

  it('sums cost per day in UTC and in a given time zone', async () => {
    expect(await costPerDay(db, window)).toEqual([
      { day: '2025-03-01', cost: 0.3, calls: 2 },
      { day: '2025-03-02', cost: 0.12, calls: 2 },
      { day: '2025-03-03', cost: 1.8, calls: 3 },
    ])
    expect(await costPerDay(db, { ...window, timeZone: 'America/New_York' })).toEqual([
      { day: '2025-03-01', cost: 0.34, calls: 3 },
      { day: '2025-03-02', cost: 0.08, calls: 1 },
      { day: '2025-03-03', cost: 1.8, calls: 3 },
    ])
  })

  it('sums cost and usage per model, largest first', async () => {
    expect(await costPerModel(db, window)).toEqual([
      { model: 'claude', cost: 1.5, calls: 1, failedCalls: 0, inputTokens: 1000, outputTokens: 2000, images: 0 },
      { model: 'gpt-4o', cost: 0.3, calls: 2, failedCalls: 0, inputTokens: 300, outputTokens: 150, images: 0 },
      { model: 'veo', cost: 0.3, calls: 1, failedCalls: 0, inputTokens: 0, outputTokens: 0, images: 0 },
      { model: 'dall-e-3', cost: 0.12, calls: 2, failedCalls: 1, inputTokens: 0, outputTokens: 0, images: 3 },
      { model: null, cost: 0, calls: 1, failedCalls: 0, inputTokens: 0, outputTokens: 0, images: 0 },
    ])
  })

  it("sums cost per value of any of the cost events' properties", async () => {
    expect(await costBy(db, { ...window, by: ['brandId'] })).toEqual([
      { key: { brandId: 'brand-b' }, cost: 2, calls: 3 },
      { key: { brandId: 'brand-a' }, cost: 0.22, calls: 3 },
      { key: { brandId: null }, cost: 0, calls: 1 },
    ])
    const pairs = await costBy(db, { ...window, by: ['model', 'brandId'] })
    expect(pairs[0]).toEqual({ key: { model: 'claude', brandId: 'brand-b' }, cost: 1.5, calls: 1 })
    expect(pairs.reduce((sum, g) => sum + g.calls, 0)).toBe(7)
  })

  it('refuses a grouping that names no property, or not a property name', async () => {
    await expect(costBy(db, { ...window, by: [] })).rejects.toThrow(CostQueryError)
    await expect(costBy(db, { ...window, by: ["brandId') or true --"] })).rejects.toThrow(/is not a property name/)
  })

  it('ranks the top spenders', async () => {
    expect(await topSpenders(db, window)).toEqual([
      { userId: 'u3', cost: 1.5, calls: 1 },
      { userId: 'u2', cost: 0.5, calls: 2 },
      { userId: 'u1', cost: 0.22, calls: 3 },
    ])
    expect(await topSpenders(db, { ...window, limit: 1 })).toEqual([{ userId: 'u3', cost: 1.5, calls: 1 }])
  })

  it('totals a period: cost, calls, failures, tokens, images, by model', async () => {
    expect(await costTotals(db, window)).toEqual({
      total: 2.22,
      calls: 7,
      failedCalls: 1,
      inputTokens: 1300,
      outputTokens: 2150,
      images: 3,
      byModel: { claude: 1.5, 'gpt-4o': 0.3, veo: 0.3, 'dall-e-3': 0.12, unknown: 0 },
    })
  })

  it('narrows to one event, and answers zeros for an empty period', async () => {
    expect((await costTotals(db, { ...window, event: 'ai_api_call' })).total).toBe(1.92)
    expect(await costTotals(db, { ...window, from: '2024-01-01', to: '2024-02-01' })).toEqual({
      total: 0,
      calls: 0,
      failedCalls: 0,
      inputTokens: 0,
      outputTokens: 0,
      images: 0,
      byModel: {},
    })
  })
})

describe('cost query arguments', () => {
  const db: Queryable = {
    query: () => Promise.reject(new Error('no query should run')),
  }

  it.each([
    [{ from: '2025-03-02', to: '2025-03-01' }, /window is empty/],
    [{ from: 'yesterday', to: '2025-03-01' }, /from "yesterday" is not a date/],
    [{ from: '2025-03-01', to: '2025-03-02', table: 'audit; drop table x' }, /not a usable table name/],
  ])('refuses %j before querying', async (window, message) => {
    await expect(costTotals(db, window)).rejects.toThrow(CostQueryError)
    await expect(costPerDay(db, window)).rejects.toThrow(message)
  })

  it('refuses a limit outside 1..1000', async () => {
    await expect(topSpenders(db, { ...WINDOW, limit: 0 })).rejects.toThrow(/limit must be an integer from 1 to 1000/)
  })
})
