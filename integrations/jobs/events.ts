/**
 * The built-in job events, typed by schema/builtin-events.ts (generated from
 * schema/builtin.catalog.yaml); the `LinecastLogger` of any generated catalog
 * is assignable to `LinecastLogger<JobEvents>`.
 */
import type { BuiltinEvents } from '../../schema/builtin-events.js'

export type JobEvents = Pick<BuiltinEvents, 'job_started' | 'job_completed' | 'job_failed'>
