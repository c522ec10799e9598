/**
 * Process signals are global, so the transports that asked for it are kept
 * in one set here: on SIGTERM/SIGINT every open transport is closed (deliver
 * within its budget, spool the rest), then the process exits with the
 * conventional code, within the largest budget of them measured from the
 * signal; on `beforeExit` transports with unflushed lines flush.
 */
import { constants } from 'node:os'

export interface SignalAware {
  close(): Promise<unknown>
  flush(): Promise<unknown>
  readonly dirty: boolean
  /** the most a close may take */
  readonly budgetMs: number
  /** the budget is over: exit without waiting for the worker (says what that loses) */
  abandon(): void
}

const open = new Set<SignalAware>()
let exiting = false

function onSignal(signal: NodeJS.Signals): void {
  const code = 128 + (constants.signals[signal] ?? 15)
  if (exiting) process.exit(code)
  exiting = true
  // one budget from the signal to exit: close spends it less a reserve for ending the worker; a stuck close
  // must not keep the process past it (lines still in memory are lost only then, and the spool has the rest)
  // each close() leaves the set at once: the timer keeps its own list of what it may have to abandon
  const closing = [...open]
  const budget = Math.max(0, ...closing.map((t) => t.budgetMs))
  setTimeout(() => {
    for (const t of closing) t.abandon()
    process.exit(code)
  }, budget).unref()
  Promise.allSettled(closing.map((t) => t.close())).then(() => process.exit(code))
}

function onBeforeExit(): void {
  for (const transport of open) if (transport.dirty) void transport.flush().catch(() => undefined)
}

export function watchSignals(transport: SignalAware): void {
  if (open.size === 0) {
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
    process.on('beforeExit', onBeforeExit)
  }
  open.add(transport)
}

export function unwatchSignals(transport: SignalAware): void {
  if (!open.delete(transport) || open.size > 0) return
  process.off('SIGTERM', onSignal)
  process.off('SIGINT', onSignal)
  process.off('beforeExit', onBeforeExit)
}
