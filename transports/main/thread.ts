/** The pino worker transport (thread-stream) as the main thread uses it, and where its worker file is. */
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { WorkerNotBuiltError } from './errors.js'
import type { WorkerOptions } from '../options.js'

export interface ThreadStream {
  write(chunk: string | Buffer): boolean
  end(): void
  flushSync(): void
  ref(): void
  readonly closed: boolean
  readonly destroyed: boolean
  on(event: string, listener: (...args: never[]) => void): unknown
  once(event: string, listener: (...args: never[]) => void): unknown
  off(event: string, listener: (...args: never[]) => void): unknown
}

/**
 * The compiled worker: `dist/transports/worker/worker.js`, found from this
 * file in a build (`dist/transports/main/`) or in the TypeScript source.
 */
export function workerPath(from: string = fileURLToPath(import.meta.url)): string {
  const root = dirname(dirname(dirname(from)))
  const dist = basename(root) === 'dist' ? root : join(root, 'dist')
  return join(dist, 'transports', 'worker', 'worker.js')
}

export function startThread(options: WorkerOptions, target: string = workerPath()): ThreadStream {
  if (!existsSync(target)) throw new WorkerNotBuiltError(target)
  // linecast ends the worker at exit itself (open-transport.ts), so that a shutdown past its budget can skip it
  return pino.transport({ target, options, worker: { autoEnd: false } }) as unknown as ThreadStream
}
