/**
 * pino's serialized `err` (type, message, stack, code, cause, …) -> Sentry
 * exception values, with the frames parsed from the stack string by the SDK's
 * own Node stack parser. Sentry lists a chain oldest first: the innermost
 * cause comes first and the error that was logged comes last.
 */
import { defaultStackParser, type Exception, type StackFrame } from '@sentry/node'
import type { SerializedError } from '../../worker/delivery/types.js'

/** How deep a `cause` chain is followed. */
const MAX_CHAIN = 5

function asSerializedError(value: unknown): SerializedError | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  return value as SerializedError
}

function typeOf(err: SerializedError): string {
  if (typeof err.type === 'string' && err.type) return err.type
  if (typeof err.name === 'string' && err.name) return err.name
  return 'Error'
}

function messageOf(err: SerializedError): string {
  if (typeof err.message === 'string') return err.message
  if (typeof err.code === 'string' || typeof err.code === 'number') return String(err.code)
  return ''
}

/** Frames in Sentry order (caller first, the throwing frame last). */
export function parseFrames(stack: string | undefined): StackFrame[] {
  if (!stack) return []
  return defaultStackParser(stack)
}

function toException(err: SerializedError, mechanism: Exception['mechanism']): Exception {
  const exception: Exception = { type: typeOf(err), value: messageOf(err) }
  const frames = parseFrames(typeof err.stack === 'string' ? err.stack : undefined)
  if (frames.length > 0) exception.stacktrace = { frames }
  if (mechanism) exception.mechanism = mechanism
  return exception
}

/** The logged error and its causes as Sentry exception values (innermost cause first). */
export function exceptionValues(err: SerializedError): Exception[] {
  const chain: SerializedError[] = [err]
  let next = asSerializedError(err.cause)
  while (next && chain.length < MAX_CHAIN && !chain.includes(next)) {
    chain.push(next)
    next = asSerializedError(next.cause)
  }
  const values = chain.map((e, i) =>
    toException(
      e,
      chain.length > 1
        ? { type: i === 0 ? 'linecast' : 'cause', handled: true, exception_id: i, ...(i > 0 ? { parent_id: i - 1, source: 'cause' } : {}) }
        : { type: 'linecast', handled: true },
    ),
  )
  return values.reverse()
}

/** Extra fields pino's serializer kept on the error (code, custom props), for the event's `extra`. */
export function errorExtras(err: SerializedError): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(err)) {
    if (key === 'type' || key === 'message' || key === 'stack' || key === 'cause' || key === 'name') continue
    if (value !== undefined) out[key] = value
  }
  return out
}
