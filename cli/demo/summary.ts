/** The demo's closing summary, as text lines or one JSON object. */
import type { DeliveryStats } from 'linecast'
import type { JobCounts } from '../../examples/brand-api/jobs/types.js'

export interface DemoSummary {
  url: string
  requests: number
  /** wall time of the load, seconds */
  seconds: number
  jobs: JobCounts & { mode: 'bullmq' | 'inline' }
  /** where alert windows live */
  alertWindows: 'redis' | 'per-process'
  /** the cost report job schedulers registered on the run's queue (BullMQ only) */
  schedulers: string[]
  statuses: Record<string, number>
  events: Record<string, number>
  ai: { calls: number; cost: number }
  audit: { where: string; rowsByAction: Record<string, number>; aiCallRows: number }
  report: { total: number; calls: number; failedCalls: number }
  /** the catalog's cost rule, against what this run spent */
  costRule: { rule: string; above: number; over: string } | undefined
  delivery: DeliveryStats | undefined
}

const usd = (n: number): string => `$${n.toFixed(2)}`
const pairs = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')

export function renderSummary(s: DemoSummary): string[] {
  const lines = [
    '',
    `linecast demo: ${s.requests} requests in ${s.seconds.toFixed(1)} s against ${s.url}`,
    `  responses   ${pairs(s.statuses)}`,
    `  jobs        ${s.jobs.mode === 'bullmq' ? 'BullMQ' : 'inline (no Redis)'}: ${s.jobs.completed} completed, ${s.jobs.retried} retried, ${s.jobs.failed} failed`,
    ...(s.schedulers.length > 0 ? [`  schedules   ${s.schedulers.join(', ')} (cost reports; the run's queue is removed at the end)`] : []),
    `  AI cost     ${usd(s.ai.cost)} over ${s.ai.calls} calls (cost report: ${usd(s.report.total)}, ${s.report.calls} calls, ${s.report.failedCalls} failed)`,
    `  audit_log   ${s.audit.where}: ${pairs(s.audit.rowsByAction) || 'no rows'}; ${s.audit.aiCallRows} of ${s.ai.calls} ai_api_call lines stored`,
  ]
  if (s.costRule !== undefined) {
    const verdict = s.ai.cost > s.costRule.above ? 'above it: the transport worker writes the alert line' : 'not reached'
    lines.push(`  alerts      ${s.costRule.rule}: ${usd(s.ai.cost)} vs ${usd(s.costRule.above)} over ${s.costRule.over}, ${verdict} (windows ${s.alertWindows})`)
  }
  lines.push(`  events      ${pairs(s.events)}`)
  if (s.delivery !== undefined) {
    for (const [name, d] of Object.entries(s.delivery.destinations).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  delivery    ${name}: ${d.delivered} delivered, ${d.retried} retried, ${d.spooled} spooled, ${d.deadLettered} dead-lettered, ${d.dropped} dropped`)
    }
    for (const [name, reason] of Object.entries(s.delivery.off).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  delivery    ${name}: off (${reason})`)
    }
  }
  return lines
}
