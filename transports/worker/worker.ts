/**
 * The pino transport entry, run in pino's worker thread (thread-stream):
 * `pino.transport({ target: <dist/transports/worker/worker.js>, options })`.
 * Lines arrive through line-input.ts; each is routed into its destinations'
 * delivery chains; control lines from the main thread ask for flushes,
 * shutdown and stats, answered with thread-stream EVENT messages.
 */
import { parentPort } from 'node:worker_threads'
import type { Writable } from 'node:stream'
import pino from 'pino'
import { isControlLine } from '../control.js'
import { lineInput } from './line-input.js'
import type { WorkerOptions } from '../options.js'
import { startRuntime, type RuntimeChannel } from './runtime.js'

/** stdout, or stderr when stdout cannot be written: a report is never swallowed */
function writeOut(text: string): void {
  try {
    process.stdout.write(text, (error) => {
      if (error) process.stderr.write(text)
    })
  } catch {
    process.stderr.write(text)
  }
}

/** lines read between two turns of the event loop */
const YIELD_EVERY = 512

const channel: RuntimeChannel = {
  post(name, ...args) {
    try {
      parentPort?.postMessage({ code: 'EVENT', name, args })
    } catch {
      // the main thread is gone; what it would have been told is on stdout
    }
  },
  write: writeOut,
}

/**
 * thread-stream ends the worker on any unhandled rejection; a stray promise
 * in a sink must not lose every queued line, so it is reported instead.
 */
function keepRunningOnRejections(report: (reason: unknown) => void): void {
  process.removeAllListeners('unhandledRejection')
  process.on('unhandledRejection', report)
}

/** stdout written from this thread, a block at a time (sonic-boom retries a pipe that is full) */
function stdoutCopy(): (text: string) => void {
  const out = pino.destination({ dest: 1, sync: true })
  return (text) => void out.write(text)
}

export default async function linecastTransport(options: WorkerOptions): Promise<Writable> {
  const copy = options?.copyToStdout === true ? stdoutCopy() : undefined
  const runtime = await startRuntime(options ?? {}, copy === undefined ? channel : { ...channel, copy })
  keepRunningOnRejections((reason) => runtime.report('error', 'a promise was rejected and not handled in the transport worker; delivery continues', { error: String(reason) }))
  return lineInput({
    accept: (line) => runtime.accept(line),
    ...(copy === undefined ? {} : { copy, private: isControlLine }),
    // a backlog of input resolves through microtasks only: give the sends' I/O and timers a turn,
    // and while a healthy destination's queue is nearly full, stop reading (the application's thread buffers)
    pause: () => runtime.room() ?? new Promise((resolve) => setImmediate(resolve)),
    every: YIELD_EVERY,
    close: async () => void (await runtime.shutdown()),
  })
}
