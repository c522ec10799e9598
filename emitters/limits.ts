/**
 * Size limits of what the logger writes: the longest value a message
 * interpolates, and the largest line. Both are createLogger options.
 */
import { LoggerOptionsError } from './errors.js'

/** Characters of one value a message template (or printf argument) interpolates. */
export const DEFAULT_MAX_MESSAGE_VALUE = 256
/** UTF-8 bytes of one line, line end included. */
export const DEFAULT_MAX_LINE_BYTES = 256 * 1024
/** A line limit below this could not hold a line's own fields. */
export const MIN_MAX_LINE_BYTES = 4096

export interface Limits {
  readonly maxMessageValue: number
  readonly maxLineBytes: number
}

export function resolveLimits(options: { maxMessageValueLength?: number | undefined; maxLineBytes?: number | undefined }): Limits {
  const maxMessageValue = options.maxMessageValueLength ?? DEFAULT_MAX_MESSAGE_VALUE
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  if (!Number.isInteger(maxMessageValue) || maxMessageValue < 1) {
    throw new LoggerOptionsError(`maxMessageValueLength must be a positive integer (characters); got ${String(maxMessageValue)}.`)
  }
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < MIN_MAX_LINE_BYTES) {
    throw new LoggerOptionsError(`maxLineBytes must be an integer of at least ${MIN_MAX_LINE_BYTES} (bytes); got ${String(maxLineBytes)}.`)
  }
  return { maxMessageValue, maxLineBytes }
}

/** `s` cut to `max` characters, ending with `…[+N chars]` when cut. */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s
  return `${s.slice(0, max)}…[+${s.length - max} chars]`
}
