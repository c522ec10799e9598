/**
 * After the service and its logger are closed (the transport worker holds
 * the embedded PGlite while it runs): what this run wrote to audit_log, and
 * the cost report over it, written as `cost_report_generated`, run as the
 * `daily-cost-report` cron monitor (cron_job_started / cron_job_completed).
 */
import type { LinecastLogger } from 'linecast'
import { withMonitor, type CronEvents } from 'linecast/monitors'
import { generateCostReport, type CostReport, type ReportEvents } from 'linecast/reports'
import { DEFAULT_PGLITE_DIR } from '../../transports/sinks/audit-log/index.js'
import { openAuditDatabase } from '../commands/audit-database.js'

export interface AuditFindings {
  /** where the rows are: `PGlite <dir>` or `Postgres` */
  where: string
  /** rows written since the run started, by action */
  rowsByAction: Record<string, number>
  /** the run's ai_api_call lines found as rows (each id once: it is the primary key) */
  aiCallRows: number
  report: CostReport
}

export async function readAuditAndReport(
  context: { cwd: string; env: NodeJS.ProcessEnv; since: Date; aiCallIds: readonly string[] },
  logger: LinecastLogger<ReportEvents & CronEvents>,
): Promise<AuditFindings> {
  const databaseUrl = context.env['DATABASE_URL'] || undefined
  const { db, close } = await openAuditDatabase(
    { databaseUrl, dataDir: DEFAULT_PGLITE_DIR },
    { cwd: context.cwd, env: context.env, applicationName: 'linecast demo' },
  )
  try {
    const byAction = await db.query('select action, count(*)::int as rows from audit_log where created_at >= $1 group by action order by action', [
      context.since.toISOString(),
    ])
    const rowsByAction: Record<string, number> = {}
    for (const row of byAction.rows as Array<{ action: string; rows: number }>) rowsByAction[row.action] = row.rows
    const found = await db.query('select count(*)::int as rows from audit_log where id = any($1::uuid[])', [[...context.aiCallIds]])
    const aiCallRows = (found.rows[0] as { rows: number } | undefined)?.rows ?? 0
    const report = await withMonitor(
      { slug: 'daily-cost-report', schedule: '0 8 * * *', maxRuntime: 5 },
      () => generateCostReport(db, { period: 'custom', from: context.since, to: new Date(), event: 'ai_api_call', groupBy: ['brandId'], logger }),
      { logger },
    )
    return { where: databaseUrl !== undefined ? 'Postgres (DATABASE_URL)' : `PGlite ${DEFAULT_PGLITE_DIR}`, rowsByAction, aiCallRows, report }
  } finally {
    await close()
  }
}
