/** Typed readers for plain YAML values; each reports what it cannot accept and moves on. */
import { pathText, type DiagnosticPath } from '../diagnostics.js'
import type { Reporter } from '../report.js'
import type { Source } from '../source.js'
import { suggestion } from '../suggest.js'

export interface ReadContext {
  source: Source
  report: Reporter
}

export type Path = DiagnosticPath

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`
}

export function wrongType(ctx: ReadContext, path: Path, expected: string, value: unknown): void {
  ctx.report.error(ctx.source, path, 'LC_WRONG_TYPE', `${pathText(path)} must be ${expected}, got ${describeValue(value)}`)
}

/** A mapping, or undefined (reported) when the value is something else. `null` reads as an empty mapping. */
export function readMap(ctx: ReadContext, value: unknown, path: Path, expected = 'a mapping'): Record<string, unknown> | undefined {
  if (value === null) return {}
  if (isRecord(value)) return value
  wrongType(ctx, path, expected, value)
  return undefined
}

/** Reports every key of `map` not in `allowed`, at the key, with a did-you-mean. */
export function checkKeys(ctx: ReadContext, map: Record<string, unknown>, path: Path, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(map)) {
    if (allowed.includes(key)) continue
    ctx.report.error(
      ctx.source,
      [...path, key],
      'LC_UNKNOWN_KEY',
      `unknown ${what} key \`${key}\` in ${pathText(path) || 'the catalog'}${suggestion(key, allowed)}`,
      'key',
    )
  }
}

export function missing(ctx: ReadContext, path: Path, key: string, hint: string): void {
  ctx.report.error(ctx.source, [...path, key], 'LC_MISSING_FIELD', `${pathText(path) || 'the catalog'} needs \`${key}\`: ${hint}`, 'key')
}

export function readString(ctx: ReadContext, map: Record<string, unknown>, path: Path, key: string): string | undefined {
  const value = map[key]
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  wrongType(ctx, [...path, key], 'a string', value)
  return undefined
}

export function readBoolean(ctx: ReadContext, map: Record<string, unknown>, path: Path, key: string): boolean | undefined {
  const value = map[key]
  if (value === undefined) return undefined
  if (typeof value === 'boolean') return value
  wrongType(ctx, [...path, key], 'true or false', value)
  return undefined
}

export interface NumberRule {
  integer?: boolean
  min?: number
  max?: number
  /** the code reported when the number is out of range */
  rangeCode?: string
}

function ruleText(rule: NumberRule): string {
  const noun = rule.integer ? 'an integer' : 'a number'
  if (rule.min !== undefined && rule.max !== undefined) return `${noun} between ${rule.min} and ${rule.max}`
  if (rule.min !== undefined) return `${noun} of at least ${rule.min}`
  if (rule.max !== undefined) return `${noun} of at most ${rule.max}`
  return noun
}

export function readNumber(
  ctx: ReadContext,
  map: Record<string, unknown>,
  path: Path,
  key: string,
  rule: NumberRule = {},
): number | undefined {
  const value = map[key]
  if (value === undefined) return undefined
  const at = [...path, key]
  if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer === true && !Number.isInteger(value))) {
    wrongType(ctx, at, ruleText(rule), value)
    return undefined
  }
  if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    ctx.report.error(ctx.source, at, rule.rangeCode ?? 'LC_OUT_OF_RANGE', `${pathText(at)} must be ${ruleText(rule)}, got ${value}`)
    return undefined
  }
  return value
}

/** A list of strings; a single string reads as a list of one. */
export function readStringList(ctx: ReadContext, map: Record<string, unknown>, path: Path, key: string): string[] | undefined {
  const value = map[key]
  if (value === undefined || value === null) return undefined
  const at = [...path, key]
  if (typeof value === 'string') return [value]
  if (!Array.isArray(value)) {
    wrongType(ctx, at, 'a list of strings', value)
    return undefined
  }
  const out: string[] = []
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string') out.push(item)
    else wrongType(ctx, [...at, index], 'a string', item)
  })
  return out
}

/** One of a fixed set of words, with a did-you-mean when it is not. */
export function readChoice<T extends string>(
  ctx: ReadContext,
  map: Record<string, unknown>,
  path: Path,
  key: string,
  choices: readonly T[],
  code = 'LC_INVALID_VALUE',
): T | undefined {
  const value = map[key]
  if (value === undefined) return undefined
  const at = [...path, key]
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T
  if (typeof value !== 'string') {
    wrongType(ctx, at, `one of ${choices.join(', ')}`, value)
    return undefined
  }
  ctx.report.error(ctx.source, at, code, `${pathText(at)} cannot be \`${value}\`${suggestion(value, choices, 20)}`)
  return undefined
}
