/**
 * The one place that writes a finished line through pino.
 *
 * A catalog event is already validated, redacted and stamped, and its message
 * rendered: it goes straight to pino's documented internal writer
 * (`pino.symbols.writeSym`), skipping the level method's argument juggling,
 * printf formatting and the plain-log redaction hook. pino still adds level,
 * time and bindings, runs serializers and writes to the stream.
 */
import pino from 'pino'
import { LEVEL_VALUES, type Level } from '../schema/compiled.js'
import { LoggerOptionsError } from './errors.js'

type WriteFn = (this: object, obj: Record<string, unknown>, msg: string, levelVal: number) => void

const writeSym: symbol = pino.symbols.writeSym

/** Something pino-shaped enough to write through. */
export interface Writable {
  readonly levelVal: number
}

export function writeLine(logger: Writable, obj: Record<string, unknown>, msg: string, levelVal: number): void {
  ;(logger as unknown as Record<symbol, WriteFn>)[writeSym]!.call(logger, obj, msg, levelVal)
}

/** Fails at construction, not on the first event, when pino's internals moved. */
export function assertWritable(logger: object): void {
  if (typeof (logger as Record<symbol, unknown>)[writeSym] !== 'function') {
    throw new LoggerOptionsError(
      'This pino version has no pino.symbols.writeSym writer; linecast needs pino 10. Install the pino version from linecast\'s package.json.',
    )
  }
}

export function levelValue(level: Level): number {
  return LEVEL_VALUES[level]
}
