/**
 * `linecast report`: the AI cost report of a period, computed in SQL from the
 * audit_log cost rows, printed as tables (or JSON). The same report the
 * scheduled daily and weekly jobs write as `cost_report_generated`.
 */
import { buildCostReport, CostReportError, type CostReport, type ReportPeriod, type ReportWindow } from '../../integrations/reports/index.js'
import { lastCompletePeriod, windowSince } from '../../integrations/reports/window.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'
import type { Output } from '../output.js'
import { databaseOptions, openAuditDatabase } from './audit-database.js'

const PERIODS = { daily: 'day', weekly: 'week' } as const

function chooseWindow(period: string | undefined, since: string | undefined, now: Date): ReportWindow & { period: ReportPeriod } {
  if (period !== undefined && since !== undefined) throw new UsageError('give --period or --since, not both', 'report')
  if (since !== undefined) {
    try {
      return { ...windowSince(since, now), period: 'custom' }
    } catch (error) {
      if (error instanceof CostReportError) throw new UsageError(`--since: ${error.message}`, 'report')
      throw error
    }
  }
  const chosen = period ?? 'daily'
  if (!(chosen in PERIODS)) throw new UsageError(`--period ${chosen} is not a period; use daily or weekly`, 'report')
  const scheduled = PERIODS[chosen as keyof typeof PERIODS]
  return { ...lastCompletePeriod(scheduled, now), period: scheduled }
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 })
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** Rows of cells as aligned text: the first column left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  const render = (row: string[]): string =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd()
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)]
}

export function renderCostReport(report: CostReport): string[] {
  const lines = [
    `AI cost report (${report.period}): ${report.from} to ${report.to}`,
    '',
    ...table(
      ['total', 'value'],
      [
        ['cost', usd.format(report.total)],
        ['calls', count.format(report.calls)],
        ['failed calls', count.format(report.failedCalls)],
        ['input tokens', count.format(report.inputTokens ?? 0)],
        ['output tokens', count.format(report.outputTokens ?? 0)],
        ['images', count.format(report.images ?? 0)],
      ],
    ),
  ]
  if (report.byModel.length > 0) {
    lines.push('', ...table(['model', 'calls', 'cost'], report.byModel.map((m) => [m.model, count.format(m.calls), usd.format(m.cost)])))
  }
  if (report.groups !== undefined && report.groups.length > 0) {
    const header = (report.groupBy ?? ['group']).join(' / ')
    lines.push('', ...table([header, 'calls', 'cost'], report.groups.map((g) => [g.key, count.format(g.calls), usd.format(g.cost)])))
  }
  return lines
}

/** `--by model,tenantId` -> ['model', 'tenantId']; each must be a property name. */
function groupingOf(by: string | undefined): string[] {
  if (by === undefined) return []
  const names = by.split(',').map((name) => name.trim())
  const bad = names.find((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
  if (bad !== undefined) throw new UsageError(`--by ${by}: ${JSON.stringify(bad)} is not a property name; give names such as model,tenantId`, 'report')
  return names
}

function print(out: Output, report: CostReport, json: boolean): void {
  if (json) out.line(JSON.stringify(report, null, 2))
  else for (const line of renderCostReport(report)) out.line(line)
}

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'print the AI cost report of a period from the audit_log table',
  description:
    'Totals, failed calls, tokens and images, then spend per model and, with --by, per group of the\n' +
    'cost events\' properties (--by tenantId, --by model,tenantId), aggregated in SQL\n' +
    'over the cost rows of the audit_log table. --period daily is the previous UTC day, weekly the\n' +
    'previous Monday-to-Monday week (as the scheduled reports); --since DATE runs from DATE to now.\n' +
    'The database is --database-url, else $DATABASE_URL, else the embedded PGlite in --data-dir.',
  options: {
    period: { type: 'string', valueName: 'daily|weekly', description: 'the last complete day or week, in UTC (default: daily)' },
    since: { type: 'string', valueName: 'DATE', description: 'from DATE (YYYY-MM-DD, UTC, or an ISO date-time) to now' },
    event: { type: 'string', valueName: 'NAME', description: 'only cost rows of this event, e.g. ai_api_call' },
    by: { type: 'string', valueName: 'PROPS', description: 'group the spend by these cost-event properties, comma-separated, e.g. model,tenantId' },
    top: { type: 'string', valueName: 'N', default: '20', description: 'groups listed one by one; the rest in one row' },
    json: { type: 'boolean', description: 'print the report as JSON' },
    ...databaseOptions('read'),
  },
  async run({ values, out, cwd, env }) {
    const window = chooseWindow(values.period, values.since, new Date())
    const topGroups = Number(values.top)
    if (!/^\d+$/.test(values.top) || topGroups < 1) throw new UsageError(`--top ${values.top} is not a positive integer`, 'report')
    const groupBy = groupingOf(values.by)
    const { db, close } = await openAuditDatabase(
      { databaseUrl: values['database-url'], dataDir: values['data-dir'] },
      { cwd, env, applicationName: 'linecast report' },
    )
    try {
      const report = await buildCostReport(db, { ...window, table: values.table, event: values.event, groupBy, topGroups })
      print(out, report, values.json === true)
      return 0
    } finally {
      await close()
    }
  },
})
