/**
 * Main-thread side of the linecast transport: `openTransport(options)` starts
 * the worker and returns the stream pino writes to, plus `flush()` (resolves
 * once every line written before it is delivered or spooled), `close()` and
 * `stats()`. Writes beyond `maxBufferedBytes` waiting in this thread go to
 * the disk spool instead of growing memory.
 */
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { DestinationStream } from 'pino'
import type { DeliveryStats } from '../worker/delivery/stats.js'
import type { LogLine } from '../worker/delivery/types.js'
import { controlLine } from '../control.js'
import { FlushTimeoutError, TransportClosedError } from './errors.js'
import { MainSpool } from './overflow-spool.js'
import { DEFAULTS, type WorkerOptions } from '../options.js'
import { unwatchSignals, watchSignals } from './signals.js'
import { startThread, type ThreadStream } from './thread.js'

export { workerPath } from './thread.js'
export { WorkerNotBuiltError, TransportClosedError, FlushTimeoutError } from './errors.js'
export type { WorkerOptions } from '../options.js'
export type { DeliveryStats, DestinationStats } from '../worker/delivery/stats.js'

export interface TransportOptions extends WorkerOptions {
  /** close on SIGTERM/SIGINT (then exit 143/130) and flush on beforeExit; default true */
  handleSignals?: boolean
  /** bytes allowed to wait in the application's thread before lines go to the spool; default 16 MiB */
  maxBufferedBytes?: number
  /** linecast.* diagnostics from the worker (destination off, loud rejects, delivery stats) */
  onReport?: (line: LogLine) => void
}

export interface TransportStream extends DestinationStream {
  write(chunk: string): boolean
  /** pino's logger.flush(cb) */
  flush(cb?: (err?: Error) => void): void
}

export interface LinecastTransport {
  /** give this to pino as its destination */
  readonly stream: TransportStream
  flush(): Promise<void>
  close(): Promise<void>
  stats(): Promise<DeliveryStats>
}

const DEFAULT_MAX_BUFFERED = 16 * 1024 * 1024

export function openTransport(options: TransportOptions): LinecastTransport {
  const { handleSignals, maxBufferedBytes, onReport, ...rest } = options
  const workerOptions: WorkerOptions = {
    ...rest,
    spoolDir: resolve(rest.spoolDir ?? DEFAULTS.spoolDir),
    deadLetterDir: resolve(rest.deadLetterDir ?? DEFAULTS.deadLetterDir),
    ...(rest.catalogPath === undefined ? {} : { catalogPath: resolve(rest.catalogPath) }),
  }
  const budgetMs = rest.budgetMs ?? DEFAULTS.budgetMs
  const cap = maxBufferedBytes ?? DEFAULT_MAX_BUFFERED
  const thread: ThreadStream = startThread(workerOptions)
  const overflow = new MainSpool(workerOptions.spoolDir as string)

  let nextId = 0
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let keepAlive: NodeJS.Timeout | undefined
  let behind = false
  let behindBytes = 0
  let ended = false
  let dirty = false
  let closing: Promise<void> | undefined

  const settleAll = (error: Error): void => {
    for (const w of waiting.values()) w.reject(error)
    waiting.clear()
    if (keepAlive !== undefined) clearInterval(keepAlive)
    keepAlive = undefined
  }

  const answer = (id: number, value: unknown): void => {
    const w = waiting.get(id)
    if (w === undefined) return
    waiting.delete(id)
    w.resolve(value)
    if (waiting.size === 0 && keepAlive !== undefined) {
      clearInterval(keepAlive)
      keepAlive = undefined
    }
  }

  thread.on('linecast:flushed', (id: number) => answer(id, undefined))
  thread.on('linecast:stats', (id: number, stats: DeliveryStats) => answer(id, stats))
  thread.on('linecast:report', (line: LogLine) => onReport?.(line))
  thread.on('drain', () => {
    behind = false
    behindBytes = 0
    const segment = overflow.seal()
    if (segment !== undefined && !ended) thread.write(controlLine({ $linecast: 'ingest', path: segment }))
  })
  thread.on('close', () => {
    ended = true
    settleAll(new TransportClosedError('the transport closed while waiting'))
  })
  // an error from the worker ends the stream; lines written after it are spooled
  thread.on('error', (error: Error) => {
    ended = true
    onReport?.({
      level: 'error',
      time: new Date().toISOString(),
      eventId: randomUUID(),
      event: 'linecast.transport_failed',
      msg: `the transport worker stopped: ${error.message}; lines are spooled under ${workerOptions.spoolDir} and replayed on the next start`,
    })
  })

  /** Sends a control request and waits for its answer; a ref'd timer keeps the loop alive meanwhile. */
  const request = <T>(kind: 'flush' | 'stats' | 'drain'): Promise<T> => {
    if (ended || thread.destroyed) return Promise.reject(new TransportClosedError(kind))
    const id = ++nextId
    const guardMs = budgetMs * 2 + 10_000
    return new Promise<T>((resolveRequest, rejectRequest) => {
      const guard = setTimeout(() => {
        waiting.delete(id)
        rejectRequest(new FlushTimeoutError(guardMs))
      }, guardMs)
      waiting.set(id, {
        resolve: (value) => {
          clearTimeout(guard)
          resolveRequest(value as T)
        },
        reject: (error) => {
          clearTimeout(guard)
          rejectRequest(error)
        },
      })
      keepAlive ??= setInterval(() => undefined, 60_000)
      thread.write(controlLine({ $linecast: kind, id }))
    })
  }

  const flush = async (): Promise<void> => {
    dirty = false
    overflow.sync()
    if (ended || thread.destroyed) return
    await request<void>('flush')
  }

  const stats = async (): Promise<DeliveryStats> => {
    const result = await request<DeliveryStats>('stats')
    result.overflow = overflow.spooled
    return result
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (handleSignals !== false) unwatchSignals(self)
      // drain asynchronously first: ending the thread blocks this thread until the worker is done
      dirty = false
      overflow.sync()
      try {
        if (!ended && !thread.destroyed) await request<void>('drain')
      } catch {
        // the worker still drains and spools on end
      }
      if (!ended && !thread.closed) {
        // the worker is unref'd: hold the loop open until it has exited
        const hold = setInterval(() => undefined, 60_000)
        const closed = new Promise<void>((done) => thread.once('close', () => done()))
        ended = true
        thread.end()
        await closed
        clearInterval(hold)
      }
      overflow.close()
      process.off('exit', onExit)
    })()
    return closing
  }

  const stream: TransportStream = {
    write(chunk: string): boolean {
      dirty = true
      if (ended || thread.destroyed || (behind && behindBytes > cap)) {
        overflow.append(chunk)
        return true
      }
      if (!thread.write(chunk)) behind = true
      if (behind) behindBytes += chunk.length
      return true
    },
    flush(cb) {
      flush().then(
        () => cb?.(),
        (error: Error) => cb?.(error),
      )
    },
  }

  const self = {
    stream,
    flush,
    close,
    stats,
    budgetMs,
    get dirty() {
      return dirty
    },
  }
  if (handleSignals !== false) watchSignals(self)
  const onExit = (): void => overflow.close()
  process.once('exit', onExit)
  return self
}
