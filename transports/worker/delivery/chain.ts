/**
 * The delivery chain of one destination, read left to right:
 * queue (bytes-bounded) -> batch (the sink's limits) -> up to `maxInFlight`
 * sends at once -> retry (with an end) -> timeout -> sink.send, with the
 * spool beside it as overflow only: lines go to disk when the queue is full,
 * when they could not be delivered within `spoolAfterMs` while the
 * destination makes no progress, and at a flush deadline or shutdown.
 * Spooled lines are replayed beside fresh ones once the destination takes
 * lines again. A healthy destination never touches the disk.
 */
import { batchDueIn, cutBatch } from './batch.js'
import type { DeadLetter } from './dead-letter.js'
import type { ChainLimits } from './defaults.js'
import { deliverBatch, type BatchResult } from './deliver.js'
import { Waiters } from './flush-wait.js'
import { Health } from './health.js'
import { fitLine } from './line-size.js'
import { Losses, type Report } from './losses.js'
import { ByteQueue, headOf, type Entry } from './queue.js'
import type { Spool } from './spool.js'
import { SpoolReplay } from './spool-replay.js'
import type { DestinationStats } from './stats.js'
import { withTimeout } from './timeout.js'
import { ToSpool } from './to-spool.js'
import type { LogLine, SendFn, Sink } from './types.js'

/** how long sends in flight may still finish once a deadline has come */
const ANSWER_GRACE_MS = 50

export interface ChainDeps {
  sink: Sink
  spool: Spool
  deadLetter: DeadLetter
  stats: DestinationStats
  report: Report
  /** a spooled line back into a LogLine */
  toLine: (value: Record<string, unknown>) => LogLine
  random?: () => number
  now?: () => number
}

/** Where the lines of one destination are when a flush or shutdown returns. */
export interface Pending {
  memory: number
  spool: number
  spoolDir: string
}

/** A fresh batch in flight (replayed ones are counted on disk, not here). */
interface Flight {
  batch: Entry[]
  /** when its send started */
  at: number
  /** a copy of its lines is in the spool */
  insured: boolean
}

export class DeliveryChain {
  readonly name: string
  private readonly queue: ByteQueue
  private readonly send: SendFn<unknown>
  private readonly now: () => number
  private readonly random: () => number
  private readonly losses: Losses
  private readonly toSpool: ToSpool
  private readonly replay: SpoolReplay
  private readonly health: Health
  private readonly waiters = new Waiters()
  /** lines over the queue bound, written to the spool as one block at the end of this turn */
  private overflow: Entry[] = []
  /** each fresh batch in flight, and whether a copy of it is on disk already */
  private readonly flying = new Set<Flight>()
  /** eventIds of lines that went after a copy of them was spooled: the replay skips that copy */
  private readonly settledCopies = new Set<string>()
  /** replayed batches in flight */
  private replaying = 0
  private seq = 0
  private urgent = 0
  private stopped = false
  private abort = new AbortController()
  private timer: NodeJS.Timeout | undefined
  private readonly ticker: NodeJS.Timeout
  private loudReported = false

  constructor(
    private readonly limits: ChainLimits,
    private readonly deps: ChainDeps,
  ) {
    this.name = deps.sink.name
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    this.queue = new ByteQueue(limits.queueMaxBytes)
    this.send = withTimeout((batch, signal) => deps.sink.send(batch, signal), limits.timeoutMs)
    this.losses = new Losses(this.name, deps.stats, deps.deadLetter, deps.report)
    this.toSpool = new ToSpool(deps.spool, limits, deps.stats, this.losses, this.now)
    this.replay = new SpoolReplay(deps.spool, deps.stats, deps.toLine, (error, path) => this.reportError(`cannot rewrite spool segment ${path}; it is replayed whole`, error), this.now, (line) =>
      this.settledCopies.delete(line.eventId),
    )
    this.health = new Health(this.name, limits.retry, limits.unreachableAfterMs, deps.report, this.random)
    this.ticker = setInterval(() => this.tick(), Math.max(20, Math.floor(limits.spoolAfterMs / 4)))
    this.ticker.unref()
    if (!this.replay.empty) queueMicrotask(() => this.pump())
  }

  private get inFlight(): number {
    return this.flying.size + this.replaying
  }

  /** lines in memory: queued, in flight, waiting for spool room */
  get inMemory(): number {
    let flying = 0
    for (const f of this.flying) flying += f.batch.length
    return this.queue.length + flying + this.overflow.length + this.toSpool.heldLines
  }

  /** a healthy destination with its queue three quarters full: the worker should stop reading until it catches up */
  get needsRoom(): boolean {
    return !this.makesNoProgress(this.now()) && this.queue.bytes >= this.limits.queueMaxBytes * 0.75
  }

  /**
   * Failing (a batch gave up and nothing went since), or a send outstanding
   * for the whole window while nothing went: the worker does not stop
   * reading for this destination (a hung send must not hold up control lines).
   */
  private awaitingInsured(): boolean {
    for (const f of this.flying) if (f.insured) return true
    return false
  }

  private makesNoProgress(now: number): boolean {
    if (this.health.stalled) return true
    if (now - this.health.lastOkAt < this.limits.spoolAfterMs) return false
    for (const f of this.flying) if (now - f.at >= this.limits.spoolAfterMs) return true
    return false
  }

  pending(): Pending {
    return { memory: this.inMemory, spool: this.replay.pending, spoolDir: this.deps.spool.dir }
  }

  accept(raw: string, line: LogLine): void {
    const sized = fitLine(raw, line, this.limits.maxLineBytes)
    if ('tooLarge' in sized) return this.losses.deadLetterAll([{ raw, line }], sized.tooLarge)
    if (sized.cut) this.deps.stats.truncated++
    // a destination that reads the text alone keeps the head of a line, not the line
    const entry: Entry = this.deps.sink.encodeText !== undefined
      ? { raw: sized.raw, head: headOf(sized.line), seq: ++this.seq, at: this.now() }
      : { raw: sized.raw, head: sized.line, line: sized.line, seq: ++this.seq, at: this.now() }
    if (this.stopped || this.overflow.length > 0 || !this.queue.offer(entry)) return this.spillLater(entry)
    if (this.queue.length === 1 || this.queue.length >= this.limits.maxItems || this.queue.bytes >= this.limits.maxBytes) this.pump()
  }

  /**
   * Resolves once every line accepted before the call, and everything on
   * disk, is delivered or dead-lettered; at `deadlineAt` what is still in
   * memory goes to the spool (fsync'd). Says what is pending where.
   */
  async flush(deadlineAt: number): Promise<Pending> {
    const mark = this.seq
    const startedAt = this.now()
    this.urgent++
    this.pump()
    let done: boolean
    try {
      done = await this.waiters.until(() => this.flushedUpTo(mark), deadlineAt, this.now)
    } finally {
      this.urgent--
    }
    // a destination that took nothing during the whole flush, and is failing or made the flush wait its deadline, is not waited for again at shutdown
    if (this.health.lastOkAt < startedAt && (!done || this.health.stalled)) this.health.gaveUpAtFlush = true
    if (!done) await this.spoolAll()
    this.syncSpool()
    return this.pending()
  }

  /** Stop accepting, deliver within the deadline (unless a flush already spent the budget on this destination), spool the rest, close the sink. */
  async shutdown(deadlineAt: number): Promise<Pending> {
    if (!this.health.gaveUpAtFlush) await this.flush(deadlineAt)
    this.stopped = true
    await this.spoolAll()
    clearInterval(this.ticker)
    clearTimeout(this.timer)
    try {
      this.deps.spool.close()
    } catch (error) {
      this.reportError('cannot close the spool', error)
    }
    await this.closeSink(deadlineAt)
    return this.pending()
  }

  private flushedUpTo(mark: number): boolean {
    if (this.overflow.length > 0 || this.toSpool.heldLines > 0 || !this.replay.empty) return false
    const head = this.queue.peek()
    if (head !== undefined && head.seq <= mark) return false
    for (const f of this.flying) if ((f.batch[0] as Entry).seq <= mark) return false
    return true
  }

  /** Everything in memory to the spool: sends in flight are cut short and their lines spooled too. */
  private async spoolAll(): Promise<void> {
    // answers already on the wire get a moment to be read, so that a delivered batch is not spooled and sent again
    if (this.inFlight > 0) await this.waiters.until(() => this.inFlight === 0, this.now() + ANSWER_GRACE_MS, this.now)
    this.abort.abort()
    this.replay.release()
    await this.waiters.until(() => this.inFlight === 0, this.now() + 1000, this.now)
    this.abort = new AbortController()
    this.toSpool.write([...this.overflow.splice(0), ...this.queue.drain()])
    this.toSpool.retryHeld(true)
    this.waiters.notify()
  }

  private spillLater(entry: Entry): void {
    this.overflow.push(entry)
    if (this.overflow.length === 1) setImmediate(() => this.spillOverflow())
  }

  private spillOverflow(): void {
    this.toSpool.write(this.overflow.splice(0))
    this.waiters.notify()
  }

  private tick(): void {
    const now = this.now()
    this.toSpool.retryHeld()
    this.health.check(now, () => ({ inMemory: this.inMemory, inSpool: this.replay.pending, spoolDir: this.deps.spool.dir }))
    // the window: lines a stalled destination could not take within spoolAfterMs go to disk
    const oldest = this.queue.oldestAt
    if (oldest !== undefined && now - oldest >= this.limits.spoolAfterMs && this.health.stalled) {
      this.toSpool.write(this.queue.drain())
      this.waiters.notify()
    }
    this.insureHungSends(now)
    this.pump()
  }

  /**
   * A send that has not answered within the window while the destination
   * took nothing in that time: a copy of its lines goes to the spool, so a
   * crash loses no more than the window even while a request hangs. If the
   * send then succeeds, the replay skips the copy.
   */
  private insureHungSends(now: number): void {
    if (!this.makesNoProgress(now)) return
    for (const f of this.flying) {
      if (f.insured || now - f.at < this.limits.spoolAfterMs) continue
      f.insured = true
      this.toSpool.write(f.batch)
    }
  }

  /** Starts every batch that is due, up to the in-flight window; arms a timer for the next one. */
  private pump(): void {
    if (this.stopped) return
    const now = this.now()
    let due: number | undefined
    while (this.inFlight < this.limits.maxInFlight && !this.health.resting(now)) {
      due = batchDueIn(this.queue, now, this.limits, this.urgent > 0)
      if (due === 0) {
        this.start(cutBatch(this.queue, this.limits), false)
        continue
      }
      // spooled lines go beside fresh ones: one slot while fresh lines wait, every free slot otherwise
      if (this.replaying > 0 && this.queue.length > 0) break
      // a copy on disk of a send still waiting for its answer is not sent beside it
      if (this.awaitingInsured()) break
      const replayed = this.replay.next(this.limits)
      if (replayed === undefined) break
      this.start(replayed, true)
    }
    const wait = this.health.resting(now) ? this.health.restUntil - now : due
    clearTimeout(this.timer)
    this.timer = wait !== undefined && wait > 0 ? setTimeout(() => this.pump(), wait) : undefined
  }

  private start(batch: Entry[], replayed: boolean): void {
    if (batch.length === 0) return
    const now = this.now()
    const flight: Flight = { batch, at: now, insured: false }
    if (replayed) this.replaying++
    else this.flying.add(flight)
    const giveUpAt = (replayed ? now : (batch[0] as Entry).at) + this.limits.spoolAfterMs
    const delivery = { sink: this.deps.sink, send: this.send, policy: this.limits.retry, maxBytes: this.limits.maxBytes, random: this.random, now: this.now }
    deliverBatch(batch, delivery, this.abort.signal, Math.max(giveUpAt, now + this.limits.lingerMs))
      .then(
        (result) => this.finish(result, replayed, flight.insured),
        (error: unknown) => {
          this.reportError('a batch failed unexpectedly; it is spooled', error)
          this.finish({ delivered: [], refused: [], retries: 0, left: { entries: batch, reason: String(error), restMs: 0, quota: false } }, replayed, flight.insured)
        },
      )
      .finally(() => {
        if (replayed) this.replaying--
        else this.flying.delete(flight)
        this.waiters.notify()
        this.pump()
      })
  }

  private finish(result: BatchResult, replayed: boolean, insured: boolean): void {
    const stats = this.deps.stats
    const now = this.now()
    if (insured) {
      for (const e of result.delivered) this.settledCopies.add(e.head.eventId)
      for (const r of result.refused) for (const e of r.entries) this.settledCopies.add(e.head.eventId)
    }
    stats.retried += result.retries
    stats.delivered += result.delivered.length
    if (result.delivered.length > 0) this.health.ok(now)
    let settled = result.delivered.length
    for (const refused of result.refused) {
      settled += refused.entries.length
      if (refused.loud) this.loud(refused.reason)
      this.losses.deadLetterAll(refused.entries, refused.reason)
    }
    const left = result.left
    if (left !== undefined) {
      this.health.failed(now, left.reason, left.restMs, left.quota)
      if (replayed) this.replay.undelivered(left.entries)
      else if (!insured) this.toSpool.write(left.entries)
    }
    if (replayed) this.replay.settled(settled)
  }

  private loud(reason: string): void {
    this.deps.stats.loudRejects++
    if (this.loudReported) return
    this.loudReported = true
    this.deps.report('error', `destination "${this.name}" refused delivery: ${reason}; fix its credentials or account, refused lines are dead-lettered`, {
      destination: this.name,
      reason,
    })
  }

  private syncSpool(): void {
    try {
      this.deps.spool.sync()
    } catch (error) {
      this.reportError('cannot fsync the spool', error)
    }
  }

  private async closeSink(deadlineAt: number): Promise<void> {
    const close = this.deps.sink.close
    if (close === undefined) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      close.call(this.deps.sink).catch((error: unknown) => this.reportError('closing the sink failed', error)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(100, deadlineAt - this.now())))),
    ])
    clearTimeout(timer)
  }

  private reportError(what: string, error: unknown): void {
    this.deps.report('error', `${what} (destination "${this.name}")`, { destination: this.name, error: error instanceof Error ? error.message : String(error) })
  }
}
