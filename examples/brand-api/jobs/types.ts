/** The service's background jobs and the runner that runs them (BullMQ, or inline without Redis). */
import type { Queue } from 'bullmq'
import type { LogoModel } from '../generation.js'

export type BrandJob =
  | { kind: 'generate_logos'; brandId: string; userId?: string | undefined; model: LogoModel; count: number; style?: string | undefined }
  | { kind: 'render_video'; brandId: string; userId?: string | undefined; seconds: number }

export type JobName = BrandJob['kind']

/** The one queue every job goes to. */
export const QUEUE_NAME = 'brand-jobs'

/** Attempts per job: a provider 503 is retried once. */
export const JOB_ATTEMPTS = 2

export interface JobCounts {
  enqueued: number
  completed: number
  /** attempts that failed and were run again */
  retried: number
  /** jobs that failed their last attempt */
  failed: number
}

export interface JobRunner {
  /** `bullmq`: a queue in Redis and an instrumented worker; `inline`: run in this process after the response */
  readonly mode: 'bullmq' | 'inline'
  /** the BullMQ queues (empty inline), for the queue board and /ready */
  readonly queues: readonly Queue[]
  /** enqueues the job with the caller's correlation context; resolves with its id */
  enqueue(job: BrandJob): Promise<string>
  /** resolves once every job enqueued so far has completed or failed for good, or rejects after `timeoutMs` */
  idle(timeoutMs: number): Promise<void>
  counts(): JobCounts
  close(): Promise<void>
}
