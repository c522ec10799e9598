/**
 * Jobs on BullMQ: a queue in Redis and a worker instrumented by linecast.
 * `enqueue` carries the request's context (requestId, userId, brandId) in the
 * job data, so the worker's lines carry it too.
 */
import { Queue, type Job, type Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import { enqueue, instrumentWorker } from 'linecast/jobs'
import type { GenerationDeps } from '../deps.js'
import { brandJobProcessor } from './processor.js'
import { JobTracker } from './tracker.js'
import { JOB_ATTEMPTS, QUEUE_NAME, type BrandJob, type JobName, type JobRunner } from './types.js'

export interface BullmqRunnerOptions {
  /** an ioredis client made with `maxRetriesPerRequest: null` (BullMQ's requirement) */
  connection: Redis
  /** BullMQ key prefix; default `bull` */
  prefix?: string
  concurrency?: number
  /** remove the queue's keys on close (a throwaway queue, as the demo's) */
  obliterateOnClose?: boolean
}

export function bullmqRunner(deps: GenerationDeps, options: BullmqRunnerOptions): JobRunner {
  const { connection, prefix } = options
  const queue = new Queue<BrandJob, string[], JobName>(QUEUE_NAME, { connection, ...(prefix !== undefined ? { prefix } : {}) })
  const handle = brandJobProcessor(deps)
  // instrumentWorker starts a BullMQ Worker; its declared type is linecast's small WorkerLike
  const worker = instrumentWorker(QUEUE_NAME, (job: Job<BrandJob, string[], JobName>) => handle(job), {
    logger: deps.log,
    connection,
    concurrency: options.concurrency ?? 4,
    ...(prefix !== undefined ? { prefix } : {}),
  }) as unknown as Worker<BrandJob, string[], JobName>
  const tracker = new JobTracker()
  worker.on('completed', (job) => {
    if (job.id !== undefined) tracker.finished(job.id, 'completed')
  })
  worker.on('failed', (job) => {
    if (job?.id === undefined) return
    if (job.attemptsMade < (job.opts.attempts ?? 1)) tracker.retried()
    else tracker.finished(job.id, 'failed')
  })

  return {
    mode: 'bullmq',
    queues: [queue as unknown as Queue],
    async enqueue(data) {
      const job = await enqueue(queue, data.kind, data, {
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'fixed', delay: 20 },
        removeOnComplete: true,
        removeOnFail: true,
      })
      const id = job.id ?? 'unknown'
      tracker.added(id)
      return id
    },
    idle: (timeoutMs) => tracker.idle(timeoutMs),
    counts: () => tracker.counts(),
    async close() {
      await worker.close()
      if (options.obliterateOnClose === true) await queue.obliterate({ force: true })
      await queue.close()
    },
  }
}
