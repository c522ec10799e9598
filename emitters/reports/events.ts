/**
 * The built-in `cost_report_generated` event (schema/builtin.catalog.yaml) as
 * the generated catalog types it; the `LinecastLogger` of any generated
 * catalog is assignable to `LinecastLogger<ReportEvents>`.
 */
export type ReportPeriod = 'day' | 'week' | 'month' | 'custom'

export interface CostReport {
  period: ReportPeriod
  /** ISO 8601, inclusive */
  from: string
  /** ISO 8601, exclusive */
  to: string
  /** USD */
  total: number
  calls: number
  failedCalls: number
  inputTokens?: number
  outputTokens?: number
  images?: number
  /** largest spend first; rows without a model under `unknown` */
  byModel: { model: string; calls: number; cost: number }[]
  /** largest spend first; rows without a brand under `unknown`; past `topBrands`, one `other` row */
  byBrand: { brandId: string; calls: number; cost: number }[]
}

export interface ReportEvents {
  cost_report_generated: CostReport
}
