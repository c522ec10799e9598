/**
 * One destination's delivery pipeline, composed as queue(retry(timeout(send))):
 * a bounded queue that overflows to the disk spool, a pump that cuts batches
 * and delivers them with retry, and the flush and shutdown orders (deliver
 * within a deadline, spool the rest). Lines that went to the spool come back
 * through the same queue, oldest segment first, before newer lines.
 */
import { batchDueIn, cutBatch, type BatchLimits } from './batch.js'
import type { DeadLetter } from './dead-letter.js'
import { deliverBatch, type Entry } from './deliver.js'
import { BoundedQueue } from './queue.js'
import type { RetryPolicy } from './retry.js'
import type { Spool } from './spool.js'
export type { Entry } from './deliver.js'
import type { DestinationStats } from './stats.js'
import { withTimeout } from './timeout.js'
import type { Level } from '../../../schema/compiled.js'
import type { LogLine, Sink } from './types.js'

export interface PipelineOptions {
  batch: BatchLimits
  queueCapacity: number
  timeoutMs: number
  retry: RetryPolicy
}

export interface PipelineDeps {
  sink: Sink
  spool: Spool
  deadLetter: DeadLetter
  stats: DestinationStats
  report: (level: Level, msg: string, fields?: Record<string, unknown>) => void
  /** a replayed spool line back into a LogLine */
  toLine: (value: Record<string, unknown>) => LogLine
  random?: () => number
  now?: () => number
}

const sizeOf = (entry: Entry): number => entry.raw.length

export class DestinationPipeline {
  readonly name: string
  private readonly queue: BoundedQueue<Entry>
  private readonly send: (batch: unknown[], signal: AbortSignal) => ReturnType<Sink['send']>
  private readonly now: () => number
  private seq = 0
  private settledSeq = 0
  private oldestAt = 0
  private urgent = 0
  private stopped = false
  private evacuate = false
  private inflight: Entry[] | undefined
  private loaded: { path: string; remaining: number } | undefined
  private attempt = new AbortController()
  private wake: (() => void) | undefined
  private readonly waiters = new Set<() => void>()
  private loudReported = false
  private readonly running: Promise<void>

  constructor(
    private readonly options: PipelineOptions,
    private readonly deps: PipelineDeps,
  ) {
    this.name = deps.sink.name
    this.queue = new BoundedQueue<Entry>(options.queueCapacity, sizeOf)
    this.send = withTimeout(this.name, (batch, signal) => deps.sink.send(batch, signal), options.timeoutMs)
    this.now = deps.now ?? Date.now
    this.running = this.run().catch((error: unknown) => {
      deps.report('error', `delivery to "${this.name}" stopped unexpectedly; its lines are spooled`, { destination: this.name, error: String(error) })
    })
  }

  /** lines in memory: queued plus the batch being sent */
  get queued(): number {
    return this.queue.length + (this.inflight?.length ?? 0)
  }

  accept(raw: string, line: LogLine): void {
    if (this.stopped || this.spool.hasPending || this.queue.full) return this.toSpool(raw, line)
    if (this.queue.length === 0) this.oldestAt = this.now()
    this.queue.offer({ raw, line, seq: ++this.seq })
    const b = this.options.batch
    if (this.queue.length === 1 || this.queue.length >= b.maxItems || this.queue.bytes >= b.maxBytes) this.poke()
  }

  /** Write a line straight to this destination's spool (replay of lines the main thread spooled). */
  spoolRaw(raw: string): void {
    this.toSpool(raw)
    this.poke()
  }

  /** fsync what this destination has spooled */
  sync(): void {
    this.syncSpool()
  }

  /**
   * Resolves once every line accepted before the call is delivered,
   * dead-lettered or spooled (fsync'd). At `deadlineAt` what is still in
   * memory goes to the spool.
   */
  async settle(deadlineAt: number): Promise<void> {
    const mark = this.seq
    if (this.settledSeq < mark) {
      this.urgent++
      this.poke()
      try {
        const done = await this.waitFor(() => this.settledSeq >= mark, deadlineAt)
        if (!done) await this.evacuateNow()
      } finally {
        this.urgent--
      }
    }
    this.syncSpool()
  }

  /** Stop accepting, deliver within the deadline, spool the rest, close the sink. */
  async shutdown(deadlineAt: number): Promise<void> {
    await this.settle(deadlineAt)
    // keep replaying the spool while the budget lasts
    this.urgent++
    this.poke()
    await this.waitFor(() => this.drained, deadlineAt)
    this.urgent--
    this.stopped = true
    this.poke()
    if (!(await this.waitFor(() => this.inflight === undefined, deadlineAt))) this.attempt.abort()
    await this.running
    this.evacuateAll([])
    try {
      this.deps.spool.close()
    } catch (error) {
      this.deps.report('error', `cannot close the spool of "${this.name}"`, { destination: this.name, error: String(error) })
    }
    const close = this.deps.sink.close
    if (close !== undefined) {
      const budget = Math.max(500, deadlineAt - this.now())
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        close.call(this.deps.sink).catch(() => undefined),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, budget))),
      ])
      clearTimeout(timer)
    }
  }

  private get drained(): boolean {
    return this.queue.length === 0 && this.inflight === undefined && this.loaded === undefined && !this.spool.hasPending
  }

  private get spool(): Spool {
    return this.deps.spool
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.evacuate) {
        this.evacuateAll([])
        continue
      }
      if (this.queue.length === 0) {
        if (this.spool.hasPending && this.loaded === undefined) {
          this.refill()
          continue
        }
        await this.idle(undefined)
        continue
      }
      const due = batchDueIn(this.queue, this.oldestAt, this.now(), this.options.batch, this.urgent > 0 || this.stopped)
      if (due !== undefined && due > 0) {
        await this.idle(due)
        continue
      }
      const batch = cutBatch(this.queue, this.options.batch, sizeOf)
      this.oldestAt = this.now()
      this.inflight = batch
      const left = await this.deliver(batch)
      this.inflight = undefined
      if (left.length > 0) this.evacuateAll(left)
      this.notify()
    }
  }

  /** Sends one batch; returns the entries left undelivered when the attempt was aborted. */
  private deliver(batch: Entry[]): Promise<Entry[]> {
    return deliverBatch(
      batch,
      {
        destination: this.name,
        sink: this.deps.sink,
        send: this.send,
        policy: this.options.retry,
        random: this.deps.random ?? Math.random,
        stats: this.deps.stats,
        delivered: (entry) => this.settleEntry(entry),
        reject: (entries, reason) => this.deadLetter(entries, reason),
        loud: (reason) => {
          if (this.loudReported) return
          this.loudReported = true
          this.deps.report('error', `destination "${this.name}" refused delivery: ${reason}; fix its credentials or account, refused lines are dead-lettered`, {
            destination: this.name,
            reason,
          })
        },
        report: this.deps.report,
      },
      this.attempt.signal,
    )
  }

  private deadLetter(entries: Entry[], reason: string): void {
    const ok = this.deps.deadLetter.write(this.name, entries, reason)
    if (ok) this.deps.stats.deadLettered += entries.length
    else this.deps.stats.dropped += entries.length
    for (const entry of entries) this.settleEntry(entry)
  }

  private settleEntry(entry: Entry): void {
    if (entry.seq > this.settledSeq) this.settledSeq = entry.seq
    const loaded = this.loaded
    if (entry.segment !== undefined && loaded !== undefined && entry.segment === loaded.path) {
      loaded.remaining--
      if (loaded.remaining <= 0) {
        this.spool.complete(loaded.path)
        this.loaded = undefined
      }
    }
  }

  private refill(): void {
    const segment = this.spool.takeNext()
    if (segment === undefined) return
    this.deps.stats.torn += segment.torn
    if (segment.entries.length === 0) return this.spool.complete(segment.path)
    this.loaded = { path: segment.path, remaining: segment.entries.length }
    this.queue.pushAll(segment.entries.map((e) => ({ raw: e.raw, line: this.deps.toLine(e.value), seq: 0, segment: segment.path })))
    this.deps.stats.replayed += segment.entries.length
    this.oldestAt = 0
  }

  private toSpool(raw: string, line?: LogLine): void {
    try {
      this.spool.append(raw)
      this.deps.stats.spooled++
    } catch (error) {
      const ok = this.deps.deadLetter.write(this.name, [{ raw, line }], `spool unwritable: ${error instanceof Error ? error.message : String(error)}`)
      if (ok) this.deps.stats.deadLettered++
      else this.deps.stats.dropped++
    }
  }

  private syncSpool(): void {
    try {
      this.spool.sync()
    } catch (error) {
      this.deps.report('error', `cannot fsync the spool of "${this.name}"`, { destination: this.name, error: String(error) })
    }
  }

  /** Moves everything in memory to the spool: a replayed segment is put back, fresh lines appended. */
  private evacuateAll(left: Entry[]): void {
    const all = [...left, ...this.queue.drain()]
    const loaded = this.loaded
    if (loaded !== undefined) {
      const back = all.filter((e) => e.segment === loaded.path).map((e) => e.raw)
      try {
        this.spool.putBack(loaded.path, back)
        this.deps.stats.replayed -= back.length
      } catch (error) {
        this.deps.report('error', `cannot rewrite spool segment ${loaded.path}; it is replayed whole`, { destination: this.name, error: String(error) })
      }
      this.loaded = undefined
    }
    for (const entry of all) if (entry.segment === undefined) this.toSpool(entry.raw, entry.line)
    this.settledSeq = this.seq
    this.syncSpool()
    this.evacuate = false
    this.attempt = new AbortController()
    this.notify()
  }

  private async evacuateNow(): Promise<void> {
    if (this.stopped && this.inflight === undefined) return this.evacuateAll([])
    this.evacuate = true
    this.attempt.abort()
    this.poke()
    await this.waitFor(() => !this.evacuate, Number.POSITIVE_INFINITY)
  }

  private idle(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => done(), ms)
      const done = (): void => {
        clearTimeout(timer)
        this.wake = undefined
        resolve()
      }
      this.wake = done
    })
  }

  private poke(): void {
    this.wake?.()
  }

  private notify(): void {
    for (const check of [...this.waiters]) check()
  }

  private waitFor(predicate: () => boolean, deadlineAt: number): Promise<boolean> {
    if (predicate()) return Promise.resolve(true)
    return new Promise((resolve) => {
      const finish = (ok: boolean): void => {
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve(ok)
      }
      const check = (): void => {
        if (predicate()) finish(true)
      }
      const wait = deadlineAt - this.now()
      const timer = Number.isFinite(wait) ? setTimeout(() => finish(predicate()), Math.max(0, wait)) : undefined
      this.waiters.add(check)
    })
  }
}
