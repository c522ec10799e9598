/**
 * The built-in events the monitors emit (schema/builtin.catalog.yaml), as the
 * property types the generated catalog gives them. Every service catalog
 * extends the built-in part, so the `LinecastLogger` of any generated catalog
 * is assignable to `LinecastLogger<SlownessEvents>` and `LinecastLogger<CronEvents>`.
 */
export type SlowCategory = 'api' | 'database' | 'external'

export interface SlowOperationDetected {
  operation: string
  category: SlowCategory
  duration_ms: number
  thresholdMs: number
  tier: 'warn' | 'critical'
}

export interface CriticalSlownessDetected {
  operation: string
  category: SlowCategory
  duration_ms: number
  thresholdMs: number
}

export interface SlownessEvents {
  slow_operation_detected: SlowOperationDetected
  critical_slowness_detected: CriticalSlownessDetected
}

/** Monitor settings carried on every cron line, so a sink can upsert the monitor (Sentry check-ins). */
export interface CronMonitorFields {
  checkInId?: string
  schedule?: string
  maxRuntime?: number
  timezone?: string
}

export interface CronEvents {
  cron_job_started: { slug: string } & CronMonitorFields
  cron_job_completed: { slug: string; duration_ms: number } & CronMonitorFields
  cron_job_failed: { slug: string; duration_ms: number; error?: string } & CronMonitorFields
}
