/**
 * Main-thread side of the linecast transport: `openTransport(options)` starts
 * the worker and returns the stream pino writes to, plus `flush()` (resolves
 * once every line written before it is delivered, or past the budget spooled,
 * saying what is pending where), `close()` and `stats()`. Writes beyond
 * `maxBufferedBytes` waiting in this thread go to the overflow spool in
 * blocks; flush and close hand that overflow to the worker first.
 */
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { DestinationStream } from 'pino'
import type { DeliveryStats } from '../worker/delivery/stats.js'
import type { LogLine } from '../worker/delivery/types.js'
import { DELIVERY_DEFAULTS } from '../worker/delivery/defaults.js'
import { controlLine, type FlushResult } from '../control.js'
import { FlushTimeoutError, TransportClosedError } from './errors.js'
import { HandOff, linesOf } from './hand-off.js'
import { MainSpool } from './overflow-spool.js'
import { DEFAULTS, type WorkerOptions } from '../options.js'
import { unwatchSignals, watchSignals } from './signals.js'
import { startThread, type ThreadStream } from './thread.js'

export { workerPath } from './thread.js'
export { WorkerNotBuiltError, TransportClosedError, FlushTimeoutError } from './errors.js'
export type { WorkerOptions } from '../options.js'
export type { FlushResult } from '../control.js'
export type { DeliveryStats, DestinationStats } from '../worker/delivery/stats.js'

export interface TransportOptions extends WorkerOptions {
  /** close on SIGTERM/SIGINT (then exit 143/130) and flush on beforeExit; default true */
  handleSignals?: boolean
  /** bytes allowed to wait in the application's thread before lines go to the overflow spool; default 16 MiB */
  maxBufferedBytes?: number
  /** linecast.* diagnostics from the worker (destinations on/off, losses, delivery stats) */
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
  /** delivered, or past the budget spooled: what is pending where */
  flush(): Promise<FlushResult>
  /** the same within one budget, then the worker stops */
  close(): Promise<FlushResult>
  stats(): Promise<DeliveryStats>
}

const DEFAULT_MAX_BUFFERED = 16 * 1024 * 1024

/** Part of the budget kept for what follows the last delivery attempt: spooling the rest and answering, and at close ending the worker thread and exiting. */
export function exitReserveMs(budgetMs: number): number {
  return Math.min(1000, Math.floor(budgetMs / 5))
}

/** When the worker stops trying to deliver, for a flush or close asked now. */
const deliveryDeadline = (budgetMs: number): number => Date.now() + budgetMs - exitReserveMs(budgetMs)

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
  const tell = (line: Omit<LogLine, 'time' | 'eventId'>): void => {
    const full = { time: new Date().toISOString(), eventId: randomUUID(), ...line } as LogLine
    if (onReport !== undefined) onReport(full)
    else process.stderr.write(`${JSON.stringify(full)}\n`)
  }
  const overflow = new MainSpool(workerOptions.spoolDir as string, rest.spoolAfterMs ?? DELIVERY_DEFAULTS.spoolAfterMs, (count, path, error) =>
    tell({
      level: 'error',
      event: 'linecast.delivery',
      destination: '_incoming',
      outcome: 'dropped',
      count,
      reason: `the overflow spool cannot be written: ${error instanceof Error ? error.message : String(error)}`,
      where: path,
      action: 'make spoolDir writable',
      msg: `${count} line(s) dropped in the application's thread: the overflow spool cannot be written`,
    }),
  )

  let nextId = 0
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let keepAlive: NodeJS.Timeout | undefined
  let behind = false
  let behindBytes = 0
  let ended = false
  let dirty = false
  let closing: Promise<FlushResult> | undefined
  let abandoned = false

  const rejectAll = (error: Error): void => {
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

  /** lines written in this turn go to the thread in blocks; once it is gone they go to the overflow spool */
  const handOff = new HandOff((block) => {
    // the overflow spool counts lines: what it could not write is reported line by line
    if (ended || thread.destroyed) for (const line of linesOf(block)) overflow.append(line)
    else if (!thread.write(block)) behind = true
  })

  /** the worker takes nothing more: lines waiting for it go to the overflow spool, which is closed */
  const keepOnDisk = (): void => {
    for (const line of handOff.take()) overflow.append(line)
    overflow.close()
  }

  /** the overflow collected so far, sealed and handed to the worker */
  const handOverflow = (): void => {
    handOff.now()
    for (const path of overflow.seal()) if (!ended && !thread.destroyed) thread.write(controlLine({ $linecast: 'ingest', path }))
  }

  thread.on('linecast:flushed', (id: number, result: FlushResult) => answer(id, result))
  thread.on('linecast:stats', (id: number, stats: DeliveryStats) => answer(id, stats))
  thread.on('linecast:report', (line: LogLine) => onReport?.(line))
  thread.on('drain', () => {
    behind = false
    behindBytes = 0
    handOverflow()
  })
  thread.on('close', () => {
    ended = true
    rejectAll(new TransportClosedError('the transport closed while waiting'))
  })
  // an error from the worker ends the stream; lines written after it are spooled
  thread.on('error', (error: Error) => {
    ended = true
    tell({
      level: 'error',
      event: 'linecast.transport_failed',
      msg: `the transport worker stopped: ${error.message}; lines are spooled under ${workerOptions.spoolDir} and replayed on the next start`,
    })
  })

  /** Sends a control request and waits for its answer; a ref'd timer keeps the loop alive meanwhile. */
  const request = <T>(message: { $linecast: 'flush' | 'shutdown'; deadline: number } | { $linecast: 'stats' }): Promise<T> => {
    if (ended || thread.destroyed) return Promise.reject(new TransportClosedError(message.$linecast))
    const id = ++nextId
    // the worker reads the request after every line written before it: a starved worker may need a while for that
    const guardMs = budgetMs + 30_000
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
      handOff.now()
      thread.write(controlLine({ ...message, id }))
    })
  }

  const flush = async (): Promise<FlushResult> => {
    dirty = false
    handOverflow()
    if (ended || thread.destroyed) return {}
    return request<FlushResult>({ $linecast: 'flush', deadline: deliveryDeadline(budgetMs) })
  }

  const stats = async (): Promise<DeliveryStats> => {
    const result = await request<DeliveryStats>({ $linecast: 'stats' })
    result.overflow = overflow.spooled
    result.overflowDropped = overflow.dropped
    return result
  }

  /** One budget from here to a stopped worker: deliver, spool the rest, end the thread. */
  const close = (): Promise<FlushResult> => {
    closing ??= (async () => {
      if (handleSignals !== false) unwatchSignals(self)
      const deadline = deliveryDeadline(budgetMs)
      dirty = false
      handOverflow()
      let result: FlushResult = {}
      try {
        if (!ended && !thread.destroyed) result = await request<FlushResult>({ $linecast: 'shutdown', deadline })
      } catch {
        // the worker still spools on end
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
      // lines written while the worker was ending stay on disk for the next start
      keepOnDisk()
      process.off('exit', onExit)
      return result
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
      handOff.add(chunk)
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
    abandon() {
      if (closing === undefined || ended) return
      abandoned = true
      tell({
        level: 'error',
        event: 'linecast.delivery',
        outcome: 'dropped',
        msg: `the transport worker did not finish within the ${budgetMs} ms budget; the process exits now`,
        reason: 'shutdown budget spent',
        where: `lines the worker had read are spooled under ${workerOptions.spoolDir}; up to ${behindBytes} bytes it had not read are lost`,
        action: 'raise budgetMs, or give the process more CPU at shutdown',
      })
    },
    get dirty() {
      return dirty
    },
  }
  if (handleSignals !== false) watchSignals(self)
  /** at exit without close(): the worker reads what is left and shuts down (its own budget), unless the budget is already spent */
  const onExit = (): void => {
    if (abandoned || ended || thread.closed) return keepOnDisk()
    overflow.close()
    try {
      handOff.now()
      thread.ref()
      thread.flushSync()
      thread.end()
    } catch {
      // the worker is gone; what it had spooled is on disk
    }
  }
  // before pino's own exit handler for a worker not yet started, which would end the thread first
  process.prependOnceListener('exit', onExit)
  return self
}
