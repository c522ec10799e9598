/**
 * Plain pino calls (`log.info(obj, msg)`, `log.error(err)`, `log.warn('x %s', y)`)
 * through pino's `hooks.logMethod`: every such line gets an `eventId` and the
 * correlation context, its fields are redacted (keys and secret-looking
 * strings, at any depth), and the message and printf arguments are masked.
 * The `err` field is left to the err serializer, which redacts it too.
 */
import { randomUUID } from 'node:crypto'
import pino, { type LogFn } from 'pino'
import { currentContext } from './context.js'
import type { Redactor } from '../core/redact.js'
import { maskString } from '../core/secrets.js'
import type { Stamp } from './stamp.js'
import { type Writable, writeLine } from './write.js'

// exported by pino at run time, missing from its typings
const msgPrefixSym = (pino.symbols as unknown as Record<string, symbol | undefined>).msgPrefixSym

export type LogMethodHook = (this: unknown, args: Parameters<LogFn>, method: LogFn, level: number) => void

export function plainLogHook(redactor: Redactor, stamp: Stamp): LogMethodHook {
  return function linecastLogMethod(this: unknown, args, method, level) {
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
      if (msgPrefixSym !== undefined && (this as Record<symbol, unknown>)[msgPrefixSym] === undefined) {
        writeLine(this as Writable, line, msg === undefined ? (undefined as unknown as string) : maskString(msg), level)
        return
      }
    }
    const out: unknown[] = [line]
    if (msg !== undefined) {
      out.push(typeof msg === 'string' ? maskString(msg) : msg)
      for (let i = rest; i < args.length; i++) {
        const a: unknown = args[i]
        out.push(typeof a === 'string' ? maskString(a) : redactor.redact(a))
      }
    }
    ;(method as (...a: unknown[]) => void).apply(this, out)
  }
}

function errorMessage(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const m = (err as { message?: unknown }).message
  return typeof m === 'string' ? maskString(m) : undefined
}
