/**
 * Alert evaluation over shared windows. `observe(line)` is the per-line path:
 * the router's pure `matchAlerts` says which rules the line feeds, and the
 * value is folded into that rule's pending batch (constant work, no I/O).
 * On the next turn of the event loop (or after `batchMs`) each rule with a
 * pending batch makes one store round trip that adds the batch and returns
 * the window's figures; a rule above its threshold claims the rule for one
 * window length, and only the claimant produces the alert lines: one alert
 * per rule and window, even when the condition lasts across many evaluations.
 */
import { matchAlerts } from '../../../router/alerts.js'
import { compileRouter, type CompiledRouter } from '../../../router/route.js'
import type { AlertRule, CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../delivery/types.js'
import { addToBins, binOf } from './histogram.js'
import { alertLines, type AlertLine } from './lines.js'
import type { WindowBatch, WindowStore } from './store.js'
import { isPercentile, measureOf, windowStartOf } from './window.js'

export interface AlertEvaluatorOptions {
  catalog: CompiledCatalog
  store: WindowStore
  /** the worker's compiled router (its alert tables); default: compiled here */
  router?: CompiledRouter
  /** wall clock in ms; default Date.now */
  now?: () => number
  /** how long values gather before their rules are evaluated (ms); 0: the next turn of the event loop; default 0 */
  batchMs?: number
  /** called once per alert line, in the process that won the window's claim */
  onAlert(alert: AlertLine): void
  /** a store round trip failed; the batch is dropped */
  onError?(error: unknown, rule: AlertRule): void
}

interface Pending {
  rule: AlertRule
  batch: WindowBatch
}

export class AlertEvaluator {
  private readonly router: CompiledRouter
  private readonly now: () => number
  private readonly pending = new Map<string, Pending>()
  private readonly inflight = new Set<Promise<AlertLine[]>>()
  /** cancels the scheduled flush; set while one is scheduled */
  private cancel: (() => void) | undefined
  private closed = false

  constructor(private readonly options: AlertEvaluatorOptions) {
    this.router = options.router ?? compileRouter(options.catalog)
    this.now = options.now ?? Date.now
  }

  /** Feeds `line` to the rules it matches; returns how many it fed. */
  observe(line: LogLine): number {
    const matches = matchAlerts(this.router, line)
    for (const { rule, value } of matches) this.add(rule, value)
    return matches.length
  }

  /** Adds one value to `rule`'s pending batch. */
  add(rule: AlertRule, value: number): void {
    if (this.closed) return
    let entry = this.pending.get(rule.name)
    if (entry === undefined) {
      entry = { rule, batch: { count: 0, sum: 0, max: Number.NEGATIVE_INFINITY, bins: new Map() } }
      this.pending.set(rule.name, entry)
    }
    const batch = entry.batch
    batch.count++
    batch.sum += value
    if (value > batch.max) batch.max = value
    if (isPercentile(rule.when.measure)) addToBins(batch.bins, binOf(value), 1)
    this.schedule()
  }

  private schedule(): void {
    if (this.cancel !== undefined) return
    const run = (): void => {
      this.cancel = undefined
      void this.flush()
    }
    const batchMs = this.options.batchMs ?? 0
    if (batchMs > 0) {
      const timer = setTimeout(run, batchMs)
      timer.unref()
      this.cancel = () => clearTimeout(timer)
    } else {
      const immediate = setImmediate(run)
      immediate.unref()
      this.cancel = () => clearImmediate(immediate)
    }
  }

  /** Evaluates every pending batch now; resolves with the alert lines this process produced. */
  async flush(): Promise<AlertLine[]> {
    this.cancel?.()
    this.cancel = undefined
    const batches = [...this.pending.values()]
    this.pending.clear()
    const time = this.now()
    const runs = batches.map((p) => this.track(this.evaluate(p, time)))
    return (await Promise.all(runs)).flat()
  }

  private track(run: Promise<AlertLine[]>): Promise<AlertLine[]> {
    this.inflight.add(run)
    void run.finally(() => this.inflight.delete(run))
    return run
  }

  private async evaluate({ rule, batch }: Pending, time: number): Promise<AlertLine[]> {
    const { store, catalog } = this.options
    try {
      const windowMs = rule.when.windowMs
      const figures = await store.add({ rule: rule.name, windowMs, histogram: isPercentile(rule.when.measure) }, batch, time)
      const value = measureOf(rule.when.measure, figures)
      if (value === undefined || !(value > rule.when.above)) return []
      if (!(await store.claim(rule.name, windowMs))) return []
      const lines = alertLines(catalog, rule, value, windowStartOf(time, windowMs), time)
      for (const alert of lines) this.options.onAlert(alert)
      return lines
    } catch (error) {
      this.options.onError?.(error, rule)
      return []
    }
  }

  /** Evaluates what is pending, waits for running evaluations, then closes the store. */
  async close(): Promise<void> {
    if (this.closed) return
    await this.flush()
    this.closed = true
    await Promise.all([...this.inflight])
    await this.options.store.close()
  }
}
