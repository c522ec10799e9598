/** `linecast/reports`: the AI cost report, built from audit_log and scheduled as BullMQ jobs. */
export { buildCostReport, generateCostReport, type CostReportOptions } from './cost-report.js'
export {
  COST_REPORT_QUEUE,
  costReportProcessor,
  scheduleCostReports,
  startCostReports,
  type CostReportDeps,
  type CostReportJob,
  type CostReportJobData,
  type CostReports,
  type CostReportsOptions,
  type ReportLogger,
} from './schedule.js'
export { CostReportError, type ReportWindow } from './window.js'
export type { CostReport, ReportEvents, ReportPeriod } from './events.js'
