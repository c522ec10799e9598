import { LinecastError } from '../../core/errors.js'

export class WorkerNotBuiltError extends LinecastError {
  constructor(path: string) {
    super('LINECAST_WORKER_NOT_BUILT', `the transport worker ${path} does not exist; run \`npm run build\` (the worker runs compiled JavaScript in a worker thread)`)
  }
}

export class TransportClosedError extends LinecastError {
  constructor(what: string) {
    super('LINECAST_TRANSPORT_CLOSED', `${what}: the transport worker has exited; open a new transport (lines written after close are spooled and replayed on the next start)`)
  }
}

export class FlushTimeoutError extends LinecastError {
  constructor(ms: number) {
    super('LINECAST_FLUSH_TIMEOUT', `the transport worker did not answer a flush within ${ms} ms; it may be stuck or starved of CPU: check linecast.* lines on stdout`)
  }
}
