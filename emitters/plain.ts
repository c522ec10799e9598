/**
 * Plain pino calls (`log.info(obj, msg)`, `log.error(err)`, `log.warn('x %s', y)`)
 * through pino's `hooks.logMethod`: every such line gets an `eventId` and the
 * correlation context, its fields are redacted (keys and secret-looking
 * strings, at any depth), and the message and printf arguments are masked
 * (and each printf string cut to the message value limit).
 * The `err` field is left to the err serializer, which redacts it too.
 *
 * A plain call never throws: a field whose getter or proxy trap throws is
 * written as `[Unreadable: …]`, and when the line cannot be written as given
 * (a value that fails to serialize), a line with the context, the message and
 * `payload: "[Unreadable: …]"` is written instead.
 */
import { randomUUID } from 'node:crypto'
import pino, { type LogFn } from 'pino'
import { currentContext } from './context.js'
import { capText } from './limits.js'
import { type Redactor, unreadable } from '../core/redact.js'
import { maskString } from '../core/secrets.js'
import type { Stamp } from './stamp.js'
import { type Writable, writeLine } from './write.js'

// exported by pino at run time, missing from its typings
const msgPrefixSym = (pino.symbols as unknown as Record<string, symbol | undefined>).msgPrefixSym

export type LogMethodHook = (this: unknown, args: Parameters<LogFn>, method: LogFn, level: number) => void

export function plainLogHook(redactor: Redactor, stamp: Stamp, maxMessageValue: number): LogMethodHook {
  return function linecastLogMethod(this: unknown, args, method, level) {
    try {
      writePlain(this, args, method, level, redactor, stamp, maxMessageValue)
    } catch (error) {
      writeUnreadable(this as Writable, args, level, stamp, error)
    }
  }
}

function writePlain(
  self: unknown,
  args: Parameters<LogFn>,
  method: LogFn,
  level: number,
  redactor: Redactor,
  stamp: Stamp,
  maxMessageValue: number,
): void {
  const first: unknown = args[0]
  const line: Record<string, unknown> = { eventId: randomUUID() }
  stamp(line, currentContext())
  let msg: unknown
  let rest: number
  if (typeof first === 'object' && first !== null) {
    if (first instanceof Error) line.err = first
    else Object.assign(line, redactor.redactFields(first as Record<string, unknown>))
    msg = args[1]
    rest = 2
  } else if (first === undefined || first === null) {
    msg = args[1]
    rest = 2
  } else {
    msg = first
    rest = 1
  }
  if (msg === undefined && line.msg === undefined) msg = errorMessage(line.err)
  // no printf arguments and no child msgPrefix: straight to pino's writer
  if (args.length <= rest && (msg === undefined || typeof msg === 'string')) {
    if (msgPrefixSym !== undefined && (self as Record<symbol, unknown>)[msgPrefixSym] === undefined) {
      writeLine(self as Writable, line, msg === undefined ? (undefined as unknown as string) : maskString(msg), level)
      return
    }
  }
  const out: unknown[] = [line]
  if (msg !== undefined) {
    out.push(typeof msg === 'string' ? maskString(msg) : msg)
    for (let i = rest; i < args.length; i++) {
      const a: unknown = args[i]
      out.push(typeof a === 'string' ? maskString(capText(a, maxMessageValue)) : redactor.redact(a))
    }
  }
  ;(method as (...a: unknown[]) => void).apply(self, out)
}

/** The fallback line when the call's own line could not be written; a destination that refuses it has nothing left to report to. */
function writeUnreadable(self: Writable, args: Parameters<LogFn>, level: number, stamp: Stamp, error: unknown): void {
  try {
    const line: Record<string, unknown> = { eventId: randomUUID() }
    stamp(line, currentContext())
    line.payload = unreadable(error)
    const msg = args.find((a: unknown) => typeof a === 'string') as string | undefined
    writeLine(self, line, msg === undefined ? 'log call could not be written' : maskString(msg), level)
  } catch {
    // the destination itself throws
  }
}

function errorMessage(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  try {
    const m = (err as { message?: unknown }).message
    return typeof m === 'string' ? maskString(m) : undefined
  } catch {
    return undefined
  }
}
