import { LinecastError } from '../../../core/errors.js'

/** A send was cut short because the pipeline is flushing to disk or shutting down; the batch goes to the spool. */
export class DeliveryAbortedError extends LinecastError {
  constructor(destination: string) {
    super(
      'LINECAST_DELIVERY_ABORTED',
      `delivery to "${destination}" was interrupted by a flush deadline or shutdown; the batch was spooled and is replayed on the next start`,
    )
  }
}

/** A send did not settle before its deadline; the batch is retried. */
export class SendTimeoutError extends LinecastError {
  constructor(ms: number) {
    super('LINECAST_SEND_TIMEOUT', `the destination did not answer within ${ms} ms; raise the destination's timeoutMs if it is slow, or check that it is reachable`)
  }
}

/** The spool directory could not be written: lines cannot be kept across a restart. */
export class SpoolWriteError extends LinecastError {
  constructor(path: string, cause: unknown) {
    super('LINECAST_SPOOL_WRITE', `cannot write the spool file ${path}; make the spool directory writable (option spoolDir)`, { cause })
  }
}
