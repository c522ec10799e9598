/**
 * Carrying the correlation context of the code that enqueues a job (the HTTP
 * request, or the job that enqueues another) into the job: it is stored in the
 * job data under a reserved key, `__linecast`, and `instrumentWorker` restores
 * it around the processor, so the worker's lines carry the request's
 * requestId, userId, tenantId and the other context fields.
 */
import { getContext, type LogContext } from '../../emitters/context.js'

/** The reserved job-data key holding the enqueuer's context. */
export const JOB_CONTEXT_KEY = '__linecast'

/** The part of a context that travels with a job: scalar fields only. */
export type JobContext = Readonly<Record<string, string | number | boolean>>

/** Fields that describe one job run: bound again by the worker, never carried over. */
const PER_RUN_FIELDS: ReadonlySet<string> = new Set(['jobId', 'queue', 'jobName', 'attempt', 'cronSlug', 'checkInId'])

/** The fields of `context` a job carries: strings, numbers and booleans, minus the per-run ones. */
export function jobContextOf(context: LogContext = getContext()): JobContext {
  const out: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(context)) {
    if (PER_RUN_FIELDS.has(key)) continue
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[key] = value
  }
  return out
}

/** `data` with the current context stored under `__linecast` (the caller's object is not changed). */
export function withJobContext<D extends object>(data: D, context: LogContext = getContext()): D & { [JOB_CONTEXT_KEY]?: JobContext } {
  const carried = jobContextOf(context)
  if (Object.keys(carried).length === 0) return data
  return { ...data, [JOB_CONTEXT_KEY]: carried }
}

/** The context stored in job data, or an empty one (tolerates any data shape). */
export function readJobContext(data: unknown): JobContext {
  if (typeof data !== 'object' || data === null) return {}
  const stored = (data as Record<string, unknown>)[JOB_CONTEXT_KEY]
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {}
  return jobContextOf(stored as LogContext)
}

/** What `enqueue` needs of a queue: a BullMQ `Queue` fits. */
export interface JobAdder<D, N extends string, J, O = object> {
  add(name: N, data: D, opts?: O): Promise<J>
}

/** `queue.add(name, data, opts)` with the current linecast context carried in the job data; `opts` are BullMQ's JobsOptions. */
export function enqueue<D extends object, N extends string, J, O = object>(queue: JobAdder<D, N, J, O>, name: N, data: D, opts?: O): Promise<J> {
  return queue.add(name, withJobContext(data), opts)
}
