/** `linecast/jobs`: BullMQ workers that write the job events, and context carried from the enqueuer into the job. */
export { instrumentProcessor, instrumentWorker, type InstrumentOptions } from './instrument-worker.js'
export { createJobLogger, type JobLike } from './job-logger.js'
export { enqueue, withJobContext, type JobAdder, type JobContext } from './enqueue.js'
export type { JobEvents } from './events.js'
export type { ProcessorLike, WorkerLike } from './bullmq-types.js'
