/**
 * The built-in `cost_report_generated` event, typed by schema/builtin-events.ts
 * (generated from schema/builtin.catalog.yaml); the `LinecastLogger` of any
 * generated catalog is assignable to `LinecastLogger<ReportEvents>`.
 * `byModel` and `groups` are largest spend first; rows without a model or a
 * grouping property fall under `unknown`; past `topGroups`, one `other` group.
 */
import type { BuiltinEvents, CostReportGenerated } from '../../schema/builtin-events.js'

export type CostReport = CostReportGenerated

export type ReportPeriod = CostReport['period']

export type ReportEvents = Pick<BuiltinEvents, 'cost_report_generated'>
