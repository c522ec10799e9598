/**
 * `instrumentWorker`: a BullMQ Worker whose processor runs inside the job's
 * correlation context (see job-logger.ts) and whose every attempt writes the
 * built-in job events:
 *
 *   job_started   { queue, jobName, attempt }
 *   job_completed { queue, jobName, attempt, duration_ms }
 *   job_failed    { queue, jobName, attempt, duration_ms, error, errorType, willRetry } + err
 *
 * `job_failed` is an error-kind event at level error: the catalog routes it to
 * Sentry with the serialized `err` and the job's fields; nothing here calls
 * Sentry. The error is rethrown, so BullMQ retries the job while attempts
 * remain. BullMQ's control-flow signals (DelayedError, WaitingChildrenError,
 * RateLimitError, WaitingError) are not failures: rethrown without a line.
 */
import { performance } from 'node:perf_hooks'
import { requirePeer } from '../../core/peer.js'
import { withContext } from '../../emitters/context.js'
import type { ProcessedJob, ProcessorLike, WorkerLike } from './bullmq-types.js'
import { asError, errorMessage, withErr } from '../monitors/error-fields.js'
import type { LinecastLogger } from '../../emitters/types.js'
import type { JobEvents } from './events.js'
import { jobFields } from './job-logger.js'

export interface InstrumentOptions {
  /** where the job lines go */
  logger: LinecastLogger<JobEvents>
  /** monotonic clock in milliseconds; default performance.now */
  now?: () => number
  /** job-data fields that join the job's context when they are strings; default ['userId', 'tenantId'] */
  contextFromData?: readonly string[]
  /** the rest are BullMQ's WorkerOptions (connection, concurrency, prefix, …), passed on as they are */
  [workerOption: string]: unknown
}

interface BullMQModule {
  Worker: new (name: string, processor: ProcessorLike<never, unknown>, options: Record<string, unknown>) => WorkerLike & {
    on(event: 'error', listener: (err: Error) => void): unknown
  }
}

const CONTROL_FLOW_ERRORS: ReadonlySet<string> = new Set(['DelayedError', 'WaitingChildrenError', 'RateLimitError', 'WaitingError'])

function isControlFlow(thrown: unknown): boolean {
  return thrown instanceof Error && CONTROL_FLOW_ERRORS.has(thrown.name)
}

/** True when BullMQ will run the job again after this failure (backoff strategies that give up are not foreseen). */
export function willRetry(job: Pick<ProcessedJob, 'attemptsMade' | 'opts'>, thrown: unknown): boolean {
  if (thrown instanceof Error && thrown.name === 'UnrecoverableError') return false
  return job.attemptsMade + 1 < (job.opts.attempts ?? 1)
}

/** Wraps `processor` so each attempt runs in the job's context and writes the job events. */
export function instrumentProcessor<J extends ProcessedJob, R>(
  processor: ProcessorLike<J, R>,
  options: Pick<InstrumentOptions, 'logger' | 'now' | 'contextFromData'>,
): ProcessorLike<J, R> {
  const log = options.logger
  const now = options.now ?? (() => performance.now())
  // three parameters: BullMQ passes the abort signal only to processors that declare it
  return (job, token, signal) => {
    const fields = jobFields(job, options.contextFromData)
    const { queue, jobName, attempt } = fields
    return withContext(fields, async () => {
      log.emit.jobStarted({ queue, jobName, attempt })
      const start = now()
      try {
        const result = await processor(job, token, signal)
        log.emit.jobCompleted({ queue, jobName, attempt, duration_ms: Math.max(0, now() - start) })
        return result
      } catch (thrown) {
        if (isControlFlow(thrown)) throw thrown
        const err = asError(thrown)
        withErr(log, err).emit.jobFailed({
          queue,
          jobName,
          attempt,
          duration_ms: Math.max(0, now() - start),
          error: errorMessage(err),
          errorType: err.name,
          willRetry: willRetry(job, thrown),
        })
        throw thrown
      }
    })
  }
}

/**
 * `new Worker(queueName, processor, workerOptions)` with the processor
 * instrumented. `options` are BullMQ's WorkerOptions plus `logger`. The
 * worker's own `error` events (lost Redis connection, …) become error lines.
 */
export function instrumentWorker<J extends ProcessedJob = ProcessedJob, R = unknown>(
  queueName: string,
  processor: ProcessorLike<J, R>,
  options: InstrumentOptions,
): WorkerLike {
  const { logger, now, contextFromData, ...workerOptions } = options
  const { Worker } = requirePeer<BullMQModule>('bullmq', 'instrumentWorker (linecast/jobs)')
  const worker = new Worker(queueName, instrumentProcessor(processor, { logger, now, contextFromData }) as ProcessorLike<never, unknown>, workerOptions)
  // an EventEmitter 'error' without a listener would crash the process: report it as an error line
  worker.on('error', (err) => logger.error({ err, queue: queueName }, `BullMQ worker on ${queueName}: ${err.message}`))
  return worker
}
