export { buildCostReport, generateCostReport, type CostReportOptions } from './cost-report.js'
export {
  COST_REPORT_JOB,
  COST_REPORT_QUEUE,
  COST_REPORT_SCHEDULES,
  costReportProcessor,
  dueTime,
  scheduleCostReports,
  startCostReports,
  type CostReportDeps,
  type CostReportJob,
  type CostReportJobData,
  type CostReports,
  type CostReportsOptions,
  type ReportLogger,
} from './schedule.js'
export { CostReportError, lastCompletePeriod, windowSince, type ReportWindow, type ScheduledPeriod } from './window.js'
export type { CostReport, ReportEvents, ReportPeriod } from './events.js'
