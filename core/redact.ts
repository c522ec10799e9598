/**
 * Key- and value-based redaction of anything a line may carry: plain objects
 * and arrays at any depth, Error objects (with their causes and custom
 * fields), and secret-looking substrings of every string.
 *
 * Copy on write: the caller's objects are never mutated, and an object with
 * nothing to redact is returned as is (no allocation).
 *
 * Never throws: a field whose getter throws, or an object whose proxy trap
 * does, is replaced by `[Unreadable: <the error's message, masked>]`.
 */
import pino from 'pino'
import { BUILTIN_REDACT_KEYS, maskString, normalizeKey, REDACTED, SECRET_KEY_SUFFIXES } from './secrets.js'

export { maskString, REDACTED } from './secrets.js'

/** Deeper values are replaced: a secret must not hide below the walk. */
const MAX_DEPTH = 24
const KEY_CACHE_LIMIT = 4096
const CIRCULAR = '[Circular]'
const TOO_DEEP = '[Truncated]'
/** What a field that could not be read (a throwing getter or proxy trap) is written as. */
export const UNREADABLE = '[Unreadable'
const READ_FAILED: unique symbol = Symbol('linecast.readFailed')

/** `[Unreadable: <message>]`, the message masked and cut short; never throws. */
export function unreadable(error: unknown): string {
  let message: string
  try {
    message = error instanceof Error ? error.message : String(error)
  } catch {
    message = 'the value could not be read'
  }
  return `${UNREADABLE}: ${maskString(message.slice(0, 200))}]`
}

export interface Redactor {
  /** true when a value under this key is always written as `[REDACTED]` */
  isSecretKey(key: string): boolean
  /** a redacted copy of `value` (or `value` itself when nothing had to change) */
  redact(value: unknown): unknown
  /** like `redact`, but leaves the top-level `err` key to the err serializer */
  redactFields(fields: Record<string, unknown>): Record<string, unknown>
  /** pino's err serializer followed by redaction (message, stack, custom fields) */
  serializeError(err: unknown): unknown
}

export function createRedactor(extraKeys: readonly string[] = []): Redactor {
  const exact = new Set<string>()
  for (const k of BUILTIN_REDACT_KEYS) exact.add(normalizeKey(k))
  // a dotted entry (`headers.authorization`) names its last key
  for (const k of extraKeys) exact.add(normalizeKey(k.slice(k.lastIndexOf('.') + 1)))
  const cache = new Map<string, boolean>()

  function isSecretKey(key: string): boolean {
    const hit = cache.get(key)
    if (hit !== undefined) return hit
    const n = normalizeKey(key)
    let secret = exact.has(n)
    if (!secret) {
      for (const suffix of SECRET_KEY_SUFFIXES) {
        if (n.endsWith(suffix)) {
          secret = true
          break
        }
      }
    }
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear()
    cache.set(key, secret)
    return secret
  }

  function walk(value: unknown, depth: number, stack: object[]): unknown {
    if (typeof value === 'string') return maskString(value)
    if (typeof value !== 'object' || value === null) return value
    if (depth > MAX_DEPTH) return TOO_DEEP
    if (stack.includes(value)) return CIRCULAR
    const size = stack.length
    try {
      if (value instanceof Error) return serializeAt(value, depth, stack)
      if (Array.isArray(value)) return walkArray(value, depth, stack)
      if (!isPlainObject(value)) return value
      return walkObject(value as Record<string, unknown>, depth, stack, false)
    } catch (error) {
      // a proxy trap (ownKeys, getPrototypeOf, …) threw: the whole value is unreadable
      stack.length = size
      return unreadable(error)
    }
  }

  function walkArray(arr: readonly unknown[], depth: number, stack: object[]): unknown {
    stack.push(arr)
    let out: unknown[] | undefined
    for (let i = 0; i < arr.length; i++) {
      const v = readField(arr as unknown as Record<number, unknown>, i)
      const r = v === READ_FAILED ? unreadableField() : walk(v, depth + 1, stack)
      if (r !== v && out === undefined) out = copyUntil(arr, i) as unknown[]
      if (out !== undefined) out.push(r)
    }
    stack.pop()
    return out ?? arr
  }

  function walkObject(
    obj: Record<string, unknown>,
    depth: number,
    stack: object[],
    skipErrKey: boolean,
  ): Record<string, unknown> {
    stack.push(obj)
    let out: Record<string, unknown> | undefined
    for (const key in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) continue
      const v = readField(obj, key)
      let r: unknown
      if (v === READ_FAILED) r = unreadableField()
      else if (v === undefined || (skipErrKey && key === 'err')) r = v
      else if (isSecretKey(key)) r = REDACTED
      else r = walk(v, depth + 1, stack)
      if (r !== v && out === undefined) out = copyUntil(obj, key) as Record<string, unknown>
      if (out !== undefined) out[key] = r
    }
    stack.pop()
    return out ?? obj
  }

  function serializeAt(err: unknown, depth: number, stack: object[]): unknown {
    const s = pino.stdSerializers.err(err as Error) as unknown
    if (typeof s !== 'object' || s === null) return walk(s, depth, stack)
    if (typeof err === 'object' && err !== null) stack.push(err)
    const src = s as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const key in src) {
      if (key === 'raw') continue
      const v = src[key]
      if (v === undefined) continue
      out[key] = isSecretKey(key) ? REDACTED : walk(v, depth + 1, stack)
    }
    if (typeof err === 'object' && err !== null) stack.pop()
    return out
  }

  return {
    isSecretKey,
    redact: (value) => walk(value, 0, []),
    redactFields(fields) {
      try {
        return walkObject(fields, 0, [], true)
      } catch (error) {
        return { payload: unreadable(error) }
      }
    },
    serializeError(err) {
      try {
        return serializeAt(err, 0, [])
      } catch (error) {
        return { message: unreadable(error) }
      }
    },
  }
}

/** What the last failed `readField` threw (reads are synchronous, one at a time). */
let readError: unknown

/** `obj[key]`, or READ_FAILED when the read throws (a getter, a proxy `get` trap). */
function readField(obj: Record<PropertyKey, unknown>, key: PropertyKey): unknown {
  try {
    return obj[key]
  } catch (error) {
    readError = error
    return READ_FAILED
  }
}

/** The marker for the field whose read just failed. */
function unreadableField(): string {
  const error = readError
  readError = undefined
  return unreadable(error)
}

/** A copy of the own fields (or items) before `until`, read again without throwing. */
function copyUntil(src: object, until: PropertyKey): Record<string, unknown> | unknown[] {
  if (Array.isArray(src)) {
    const out: unknown[] = []
    for (let i = 0; i < (until as number); i++) {
      const v = readField(src as unknown as Record<number, unknown>, i)
      out.push(v === READ_FAILED ? `${UNREADABLE}]` : v)
    }
    return out
  }
  const out: Record<string, unknown> = {}
  for (const k in src) {
    if (k === until) break
    if (!Object.prototype.hasOwnProperty.call(src, k)) continue
    const v = readField(src as Record<string, unknown>, k)
    out[k] = v === READ_FAILED ? `${UNREADABLE}]` : v
  }
  return out
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Built-in keys and patterns only: used where no catalog is at hand (context). */
export const defaultRedactor: Redactor = createRedactor()
