/**
 * Jobs without Redis: each job runs in this process right after the request
 * that enqueued it, through the same linecast instrumentation a BullMQ worker
 * gets (job context, job_started / job_completed / job_failed, retries).
 */
import type { Job } from 'bullmq'
import { instrumentProcessor, withJobContext } from 'linecast/jobs'
import type { GenerationDeps } from '../deps.js'
import { brandJobProcessor } from './processor.js'
import { JobTracker } from './tracker.js'
import { JOB_ATTEMPTS, QUEUE_NAME, type BrandJob, type JobName, type JobRunner } from './types.js'

export function inlineRunner(deps: GenerationDeps, attempts: number = JOB_ATTEMPTS): JobRunner {
  const handle = brandJobProcessor(deps)
  const instrumented = instrumentProcessor((job: Job<BrandJob, string[], JobName>) => handle(job), { logger: deps.log })
  const tracker = new JobTracker()
  const running = new Set<Promise<void>>()
  let next = 0

  const run = async (id: string, data: BrandJob): Promise<void> => {
    for (let attempt = 0; attempt < attempts; attempt++) {
      // the fields of a BullMQ Job that the instrumentation reads
      const job = { id, name: data.kind, queueName: QUEUE_NAME, data, attemptsMade: attempt, opts: { attempts } }
      try {
        await instrumented(job as unknown as Job<BrandJob, string[], JobName>)
        return tracker.finished(id, 'completed')
      } catch {
        // job_failed is written by the instrumentation; try again while attempts remain
        if (attempt + 1 < attempts) tracker.retried()
      }
    }
    tracker.finished(id, 'failed')
  }

  return {
    mode: 'inline',
    queues: [],
    async enqueue(job) {
      next++
      const id = `inline-${next}`
      const data = withJobContext(job)
      tracker.added(id)
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(id, data))
      running.add(done)
      void done.finally(() => running.delete(done))
      return id
    },
    idle: (timeoutMs) => tracker.idle(timeoutMs),
    counts: () => tracker.counts(),
    async close() {
      await Promise.allSettled([...running])
    },
  }
}
