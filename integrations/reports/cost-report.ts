/**
 * The AI cost report: one period's totals, failures, tokens and images, the
 * spend per model and, with `groupBy`, per group of cost-event properties
 * (`['tenantId']`), aggregated in SQL over the audit_log cost rows
 * (integrations/audit-log/cost-queries.ts), then written as the built-in
 * `cost_report_generated` event, which the catalog routes (Slack, email, logs).
 */
import { costBy, costPerModel, costTotals, type CostGroup, type Queryable } from '../audit-log/cost-queries.js'
import type { LinecastLogger } from '../../emitters/types.js'
import type { CostReport, ReportEvents, ReportPeriod } from './events.js'
import { CostReportError, type ReportWindow } from './window.js'

export interface CostReportOptions extends ReportWindow {
  period: ReportPeriod
  /** `name` or `schema.name`; default audit_log */
  table?: string
  /** only rows of this event (e.g. `ai_api_call`); default every cost event */
  event?: string
  /** properties of the cost events to group the spend by, e.g. ['tenantId'] or ['model', 'tenantId']; default none */
  groupBy?: readonly string[]
  /** groups listed one by one; the rest are summed in one `other` row; default 20 */
  topGroups?: number
}

/** USD to the micro-dollar: sums of floats print without 0.30000000000000004 */
function usd(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function fold<T extends { cost: number; calls: number }>(rows: T[], keep: number, other: (cost: number, calls: number) => T): T[] {
  if (rows.length <= keep) return rows
  const rest = rows.slice(keep)
  const cost = rest.reduce((sum, r) => sum + r.cost, 0)
  const calls = rest.reduce((sum, r) => sum + r.calls, 0)
  return [...rows.slice(0, keep), other(usd(cost), calls)]
}

/** A group's values in `groupBy` order, `unknown` for a missing one: `t_1 / flux-2-pro`. */
function groupKey(group: CostGroup, groupBy: readonly string[]): string {
  return groupBy.map((name) => group.key[name] ?? 'unknown').join(' / ')
}

/** Runs the report's queries against `db` (a pg Pool or Client, or PGlite). */
export async function buildCostReport(db: Queryable, options: CostReportOptions): Promise<CostReport> {
  const topGroups = options.topGroups ?? 20
  if (!Number.isInteger(topGroups) || topGroups < 1) throw new CostReportError(`topGroups must be a positive integer, not ${topGroups}`)
  const groupBy = options.groupBy ?? []
  const window = { from: options.from, to: options.to, table: options.table, event: options.event }
  const totals = await costTotals(db, window)
  const models = await costPerModel(db, window)
  const groups = groupBy.length === 0 ? undefined : await costBy(db, { ...window, by: groupBy })
  return {
    period: options.period,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    total: usd(totals.total),
    calls: totals.calls,
    failedCalls: totals.failedCalls,
    inputTokens: Math.round(totals.inputTokens),
    outputTokens: Math.round(totals.outputTokens),
    images: Math.round(totals.images),
    byModel: models.map((m) => ({ model: m.model ?? 'unknown', calls: m.calls, cost: usd(m.cost) })),
    ...(groups === undefined
      ? {}
      : {
          groupBy: [...groupBy],
          groups: fold(
            groups.map((g) => ({ key: groupKey(g, groupBy), calls: g.calls, cost: usd(g.cost) })),
            topGroups,
            (cost, calls) => ({ key: 'other', calls, cost }),
          ),
        }),
  }
}

/** Builds the report and writes it as `cost_report_generated`; resolves with it. */
export async function generateCostReport(
  db: Queryable,
  options: CostReportOptions & { logger: LinecastLogger<ReportEvents> },
): Promise<CostReport> {
  const report = await buildCostReport(db, options)
  options.logger.emit.costReportGenerated(report)
  return report
}
