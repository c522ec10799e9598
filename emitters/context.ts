/**
 * Correlation context (requestId, userId, tenant, jobId, …) carried across
 * awaits, timers and promises with AsyncLocalStorage, and stamped on every line.
 *
 * The storage is module-level on purpose: AsyncLocalStorage must be shared by
 * the code that opens a context (middleware) and the loggers that read it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { defaultRedactor } from '../core/redact.js'

export type LogContext = Readonly<Record<string, unknown>>

const storage = new AsyncLocalStorage<LogContext>()

/**
 * Runs `fn` with `fields` added to the current context; nested calls merge,
 * the inner value winning. Values are redacted once here (secret-looking keys
 * and strings), so the hot path stamps them without scanning.
 */
export function withContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  const parent = storage.getStore()
  const own = defaultRedactor.redact(fields) as Record<string, unknown>
  const merged: LogContext = parent === undefined ? { ...own } : { ...parent, ...own }
  return storage.run(merged, fn)
}

/** The current context, or an empty object outside any `withContext`. */
export function getContext(): LogContext {
  return storage.getStore() ?? EMPTY
}

const EMPTY: LogContext = Object.freeze({})

/** The current context object or undefined (hot path: no allocation). */
export function currentContext(): LogContext | undefined {
  return storage.getStore()
}
