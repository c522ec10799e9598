/**
 * What a job run is known by: its id, queue, name and attempt, the userId and
 * tenantId of its data (or the data fields you name), over the context of the code that
 * enqueued it. `instrumentWorker` opens this as the correlation context;
 * `createJobLogger` binds it on a child logger for code outside that context.
 */
import type { LinecastLogger } from '../../emitters/types.js'
import { readJobContext } from './enqueue.js'

/** The parts of a BullMQ `Job` read here. */
export interface JobLike {
  id?: string | undefined
  name: string
  queueName: string
  data: unknown
  attemptsMade: number
}

/** Job-data fields copied into the context when they are strings, unless other ones are named. */
export const DEFAULT_CONTEXT_FROM_DATA: readonly string[] = ['userId', 'tenantId']

export interface JobFields {
  jobId?: string
  queue: string
  jobName: string
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number
  [field: string]: string | number | boolean | undefined
}

/** The job's correlation fields: the enqueuer's context, then the job's own data and identity. */
export function jobFields(job: JobLike, contextFromData: readonly string[] = DEFAULT_CONTEXT_FROM_DATA): JobFields {
  const fields: JobFields = { ...readJobContext(job.data), queue: job.queueName, jobName: job.name, attempt: job.attemptsMade + 1 }
  if (job.id !== undefined) fields.jobId = job.id
  if (typeof job.data === 'object' && job.data !== null) {
    const data = job.data as Record<string, unknown>
    for (const key of contextFromData) if (typeof data[key] === 'string') fields[key] = data[key]
  }
  return fields
}

/**
 * A child of `logger` whose every line carries the job's fields (jobId,
 * queue, jobName, attempt, userId, tenantId, and the enqueuer's requestId),
 * with the catalog's typed `emit`. Inside `instrumentWorker` the context
 * already stamps the catalog's context fields; this child adds them as
 * bindings for code that runs elsewhere (a plain BullMQ worker, a callback).
 */
export function createJobLogger<E extends object>(
  job: JobLike,
  logger: LinecastLogger<E>,
  contextFromData: readonly string[] = DEFAULT_CONTEXT_FROM_DATA,
): LinecastLogger<E> {
  const bindings: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(jobFields(job, contextFromData))) if (value !== undefined) bindings[key] = value
  return logger.child(bindings)
}
