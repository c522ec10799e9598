/**
 * The one place that writes a finished event line through pino's internals
 * (`pino.symbols`, which pino exports for integrations).
 *
 * Fast path: the event body was serialized by its compiled serializer
 * (serialize.ts); here it is wrapped exactly as pino's `_asJson` does — the
 * cached level prefix, the time, the logger's serialized bindings, the body,
 * the line end — and written to the logger's stream.
 *
 * Slow path, used when the stream wants per-line metadata (pino.multistream)
 * or a child set a `formatters.log`: pino's own writer (`writeSym`) with the
 * line as an object, so pino applies everything itself.
 */
import pino from 'pino'
import { LoggerOptionsError } from './errors.js'

const S = pino.symbols

interface LineStream {
  write(s: string): unknown
  [key: symbol]: unknown
}

interface PinoInternals {
  readonly levelVal: number
  [key: symbol]: unknown
}

/** Something pino-shaped enough to write through. */
export interface Writable {
  readonly levelVal: number
}

/** The logger's stream when the fast path may write to it, else undefined. */
export function fastStream(logger: Writable): LineStream | undefined {
  const l = logger as PinoInternals
  const stream = l[S.streamSym] as LineStream
  if (stream[S.needsMetadataGsym] === true) return undefined
  if ((l[S.formattersSym] as { log?: unknown }).log !== undefined) return undefined
  return stream
}

/** `body` is `,"eventId":…,"msg":"…"` (no braces). */
export function writeFast(logger: Writable, stream: LineStream, levelVal: number, body: string): void {
  const l = logger as PinoInternals
  stream.write(
    (l[S.lsCacheSym] as Record<number, string>)[levelVal]! +
      (l[S.timeSym] as () => string)() +
      (l[S.chindingsSym] as string) +
      body +
      (l[S.endSym] as string),
  )
}

type WriteFn = (this: object, obj: Record<string, unknown>, msg: string, levelVal: number) => void

/** pino's own writer: level, time, bindings, serializers, formatters, stream metadata. */
export function writeLine(logger: Writable, obj: Record<string, unknown>, msg: string, levelVal: number): void {
  ;((logger as PinoInternals)[S.writeSym] as WriteFn).call(logger, obj, msg, levelVal)
}

/**
 * Checks, at construction, the pino internals both paths rely on. Returns
 * whether the fast path can be used for this logger tree at all (a root with
 * a mixin, nested key, stream hook or another message key uses pino's writer).
 */
export function checkWritable(logger: object): boolean {
  const l = logger as PinoInternals
  if (typeof l[S.writeSym] !== 'function') {
    throw new LoggerOptionsError(
      "This pino version has no pino.symbols.writeSym writer; linecast needs pino 10. Install the pino version from linecast's package.json.",
    )
  }
  return (
    typeof l[S.lsCacheSym] === 'object' &&
    typeof l[S.timeSym] === 'function' &&
    typeof l[S.chindingsSym] === 'string' &&
    typeof l[S.endSym] === 'string' &&
    typeof (l[S.streamSym] as LineStream | undefined)?.write === 'function' &&
    l[S.messageKeySym] === 'msg' &&
    !l[S.nestedKeySym] &&
    !l[S.mixinSym] &&
    typeof l[S.formattersSym] === 'object' &&
    !(l[S.hooksSym] as { streamWrite?: unknown } | undefined)?.streamWrite
  )
}
