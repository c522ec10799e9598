/**
 * The built-in events the monitors emit, typed by schema/builtin-events.ts
 * (generated from schema/builtin.catalog.yaml). Every service catalog extends
 * the built-in part, so the `LinecastLogger` of any generated catalog is
 * assignable to `LinecastLogger<SlownessEvents>` and `LinecastLogger<CronEvents>`.
 */
import type { BuiltinEvents, CronJobStarted, SlowOperationDetected } from '../../schema/builtin-events.js'

export type SlowCategory = SlowOperationDetected['category']

export type SlownessEvents = Pick<BuiltinEvents, 'slow_operation_detected' | 'critical_slowness_detected'>

/** Monitor settings carried on every cron line, so a sink can upsert the monitor (Sentry check-ins). */
export type CronMonitorFields = Pick<CronJobStarted, 'checkInId' | 'schedule' | 'maxRuntime' | 'timezone'>

export type CronEvents = Pick<BuiltinEvents, 'cron_job_started' | 'cron_job_completed' | 'cron_job_failed'>
