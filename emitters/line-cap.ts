/**
 * The line-size rule. A line longer than `maxLineBytes` (UTF-8, line end
 * included) is rewritten before it is written: its largest strings, at any
 * depth, are cut one after another, largest first, each to what the line can
 * still hold (never below MIN_KEEP characters) and ending with
 * `…[truncated N chars]`, until the line fits; the line then carries
 * `lineTruncated: { fields, chars }` (how many strings were cut and how many
 * characters they lost). A line that still does not fit (huge arrays, a
 * great many small fields) keeps only its identifying fields
 * (`level`, `time`, `service`, `env`, `eventId`, `event`, `kind`, `msg`) and
 * `lineTruncated: { fields, chars, dropped: true }`.
 *
 * A line within the limit costs one length comparison.
 */
import type { DestinationStream } from 'pino'
import pino from 'pino'
import { capText } from './limits.js'

const MIN_KEEP = 256
const MAX_PASSES = 4
const MAX_DEPTH = 32
/** room left for `lineTruncated` and the markers */
const RESERVE = 256
const KEEP_WHEN_DROPPED = ['level', 'time', 'service', 'env', 'eventId', 'event', 'kind', 'msg'] as const

interface Holder {
  readonly parent: Record<string, unknown> | unknown[]
  readonly key: string | number
  readonly length: number
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}

/** Whether a line is over the limit, computing its byte length only when its character count cannot decide. */
export function overLimit(line: string, maxBytes: number): boolean {
  if (line.length * 3 <= maxBytes) return false
  return line.length > maxBytes || utf8Length(line) > maxBytes
}

/** The line rewritten to fit `maxBytes` (see the rule above); `line` ends with its line end. */
export function capLine(line: string, maxBytes: number): string {
  const end = line.endsWith('\n') ? '\n' : ''
  let value: unknown
  try {
    value = JSON.parse(end === '' ? line : line.slice(0, -1))
  } catch {
    return notJson(line, maxBytes, end)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notJson(line, maxBytes, end)
  const obj = value as Record<string, unknown>
  let fields = 0
  let chars = 0
  let text = line
  for (let pass = 0; pass < MAX_PASSES && overLimit(text, maxBytes); pass++) {
    let excess = utf8Length(text) - maxBytes + RESERVE
    for (const h of stringsBySize(obj)) {
      if (excess <= 0) break
      const keep = Math.max(MIN_KEEP >> pass, h.length - excess)
      if (keep >= h.length) continue
      const s = (h.parent as Record<string | number, string>)[h.key] as string
      ;(h.parent as Record<string | number, string>)[h.key] = `${s.slice(0, keep)}…[truncated ${h.length - keep} chars]`
      excess -= utf8Length(s.slice(keep))
      fields++
      chars += h.length - keep
    }
    obj.lineTruncated = { fields, chars }
    text = JSON.stringify(obj) + end
  }
  if (!overLimit(text, maxBytes)) return text
  return JSON.stringify(identifying(obj, { fields, chars, dropped: true }, maxBytes)) + end
}

/** A line that is not a JSON object: its head, cut to fit, as a JSON string line. */
function notJson(line: string, maxBytes: number, end: string): string {
  const head = capText(line, Math.floor(maxBytes / 6))
  return JSON.stringify({ msg: head, lineTruncated: { fields: 1, chars: line.length - head.length, dropped: true } }) + end
}

function identifying(obj: Record<string, unknown>, truncated: object, maxBytes: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of KEEP_WHEN_DROPPED) {
    const v = obj[k]
    if (v !== undefined) out[k] = typeof v === 'string' ? capText(v, Math.floor(maxBytes / 64)) : typeof v === 'object' ? undefined : v
  }
  out.lineTruncated = truncated
  return out
}

/** Every string below `root` that is not already cut, longest first. */
function stringsBySize(root: Record<string, unknown>): Holder[] {
  const found: Holder[] = []
  const visit = (parent: Record<string, unknown> | unknown[], depth: number): void => {
    if (depth > MAX_DEPTH) return
    const keys: (string | number)[] = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent)
    for (const key of keys) {
      if (parent === root && key === 'lineTruncated') continue
      const v = (parent as Record<string | number, unknown>)[key]
      if (typeof v === 'string' && v.length > MIN_KEEP >> MAX_PASSES) found.push({ parent, key, length: v.length })
      else if (typeof v === 'object' && v !== null) visit(v as Record<string, unknown>, depth + 1)
    }
  }
  visit(root, 0)
  return found.sort((a, b) => b.length - a.length)
}

const META = ['lastLevel', 'lastMsg', 'lastObj', 'lastTime', 'lastLogger'] as const

/**
 * `dest` with the line-size rule in front of it. pino's per-line metadata
 * (for pino.multistream) is passed on to `dest` before each write.
 */
export function capLines(dest: DestinationStream, maxBytes: number): DestinationStream {
  const target = dest as DestinationStream & Record<string | symbol, unknown>
  const needsMetadata = target[pino.symbols.needsMetadataGsym] === true
  const guard: Record<string | symbol, unknown> = {
    write(line: string): unknown {
      if (needsMetadata) for (const k of META) target[k] = guard[k]
      return dest.write(overLimit(line, maxBytes) ? capLine(line, maxBytes) : line)
    },
    flush(cb?: (err?: Error) => void): void {
      const f = target.flush as ((cb?: (err?: Error) => void) => void) | undefined
      if (typeof f === 'function') f.call(dest, cb)
      else cb?.()
    },
    flushSync(): void {
      const f = target.flushSync as (() => void) | undefined
      if (typeof f === 'function') f.call(dest)
    },
    end(): void {
      const f = target.end as (() => void) | undefined
      if (typeof f === 'function') f.call(dest)
    },
  }
  if (needsMetadata) guard[pino.symbols.needsMetadataGsym] = true
  return guard as unknown as DestinationStream
}
