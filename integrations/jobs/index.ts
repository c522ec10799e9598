export { instrumentProcessor, instrumentWorker, willRetry, type InstrumentOptions } from './instrument-worker.js'
export { createJobLogger, jobFields, type JobFields, type JobLike } from './job-logger.js'
export {
  enqueue,
  JOB_CONTEXT_KEY,
  jobContextOf,
  readJobContext,
  withJobContext,
  type JobAdder,
  type JobContext,
} from './enqueue.js'
export type { JobEvents } from './events.js'
