/**
 * Putting a thrown error on a catalog event's line. An event's properties
 * cannot hold `err` (a reserved field), so the error is bound on a child
 * logger, whose err serializer writes it as { type, message, stack, custom
 * fields }, redacted.
 */
import type { LinecastLogger } from '../../emitters/types.js'

/** A thrown value as an Error (a string or an object thrown still becomes one). */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown
  const error = new Error(typeof thrown === 'string' ? thrown : `non-Error value thrown: ${describe(thrown)}`)
  error.name = 'NonError'
  return error
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** `err.message`, or the error's name when the message is empty. */
export function errorMessage(error: Error): string {
  return error.message !== '' ? error.message : error.name
}

/** A child of `logger` whose lines carry `err` (type, message, stack), redacted. */
export function withErr<E extends object>(logger: LinecastLogger<E>, error: Error): LinecastLogger<E> {
  return logger.child({ err: error })
}
