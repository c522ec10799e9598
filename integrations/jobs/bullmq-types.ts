/**
 * The parts of BullMQ the job integration uses, written out so that
 * linecast's declarations need no BullMQ types: a BullMQ `Job`, processor and
 * `Worker` fit these as they are.
 */
import type { JobLike } from './job-logger.js'

/** A job as a worker hands it to its processor. */
export interface ProcessedJob<D = unknown, N extends string = string> extends JobLike {
  name: N
  data: D
  opts: { attempts?: number | undefined; delay?: number | undefined }
}

/** A BullMQ processor: `(job, token, signal) => Promise<result>`; `J` is BullMQ's `Job<Data>` or `ProcessedJob<Data>`. */
export type ProcessorLike<J extends ProcessedJob = ProcessedJob, R = unknown> = (
  job: J,
  token?: string,
  signal?: AbortSignal,
) => Promise<R>

/** The BullMQ `Worker` that `instrumentWorker` starts (cast it to `Worker` from bullmq for the rest of its API). */
export interface WorkerLike {
  readonly name: string
  on(event: string, listener: (...args: never[]) => void): unknown
  close(force?: boolean): Promise<void>
  pause(doNotWaitActive?: boolean): Promise<void>
  resume(): void
  isRunning(): boolean
  waitUntilReady(): Promise<unknown>
}
