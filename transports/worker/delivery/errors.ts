import { LinecastError } from '../../../core/errors.js'

/** A send did not settle before its deadline; the batch is retried. */
export class SendTimeoutError extends LinecastError {
  constructor(ms: number) {
    super('LINECAST_SEND_TIMEOUT', `the destination did not answer within ${ms} ms; raise timeoutMs if it is slow, or check that it is reachable`)
  }
}

/** The spool directory could not be written: lines cannot be kept across a restart. */
export class SpoolWriteError extends LinecastError {
  constructor(path: string, cause: unknown) {
    super('LINECAST_SPOOL_WRITE', `cannot write the spool file ${path}; make the spool directory writable (option spoolDir)`, { cause })
  }
}

/** The dead-letter file could not be written: the refused lines are lost, and reported. */
export class DeadLetterWriteError extends LinecastError {
  constructor(path: string, cause: unknown) {
    super('LINECAST_DEAD_LETTER_WRITE', `cannot write the dead-letter file ${path}; make the dead-letter directory writable (option deadLetterDir)`, { cause })
  }
}
