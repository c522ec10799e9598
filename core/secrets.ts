/**
 * What a secret looks like: the keys whose values are always redacted, and the
 * value patterns (core/secret-patterns.ts) masked inside any string and inside
 * a serialized JSON line. One combined regular expression, so a string is
 * scanned once; when nothing matches the string itself is returned.
 */
import { SECRET_SOURCE, SECRET_TRIGGER_SOURCE, type SecretGroups } from './secret-patterns.js'

export const REDACTED = '[REDACTED]'

/** Built-in secret keys, compared after `normalizeKey` (case, `-` and `_` ignored). */
export const BUILTIN_REDACT_KEYS: readonly string[] = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'token',
  'secret',
  'apiKey',
  'api_key',
  'accessToken',
  'refreshToken',
  'stripe_secret_key',
  'sentry_dsn',
  'creditCard',
  'ssn',
]

/**
 * A key ending in one of these (normalized) is a secret too: `dbPassword`,
 * `client_secret`, `github_access_token`, `secretAccessKey`. Plain `token`
 * only matches exactly, so `input_tokens` and `max_tokens` stay readable.
 */
export const SECRET_KEY_SUFFIXES: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'apikey',
  'accesskey',
  'accesstoken',
  'refreshtoken',
  'authtoken',
  'sessiontoken',
  'idtoken',
  'privatekey',
  'secretkey',
  'authorization',
  'cookie',
]

export function normalizeKey(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase()
}

/** Tests a string (not global: no `lastIndex` state). */
export const SECRET_PATTERN = new RegExp(SECRET_SOURCE)
const SECRET_PATTERN_GLOBAL = new RegExp(SECRET_SOURCE, 'g')
/** Nothing here: nothing to mask (see SECRET_TRIGGER_SOURCE). */
const SECRET_TRIGGER = new RegExp(SECRET_TRIGGER_SOURCE)

/** A JSON primitive at the start of an unquoted value. */
const JSON_PRIMITIVE = /^(?:true|false|null|-?[0-9][0-9.eE+-]*)/

/** How far a secret key's object or array value is followed inside a string before the rest is masked. */
const MAX_NESTED_SCAN = 64 * 1024

/** Whether the text is a serialized line (a key quoted with a bare `"` is then a key of the line itself). */
type Mode = 'string' | 'line'

function replaceSecret(match: string, g: SecretGroups, mode: Mode): string {
  if (g.kp !== undefined) return replaceKeyed(match, g.kp, g.kq, g, mode)
  if (g.lp !== undefined) return replaceHeader(match, g.lp, g.lq, g.lv as string, mode)
  if (g.up !== undefined) return g.up + REDACTED
  if (g.awssep !== undefined) return REDACTED + g.awssep + REDACTED
  if (g.sh !== undefined) return g.sh + REDACTED
  const scheme = g.bs ?? g.bb
  if (scheme !== undefined) return `${scheme} ${REDACTED}`
  return REDACTED
}

function replaceKeyed(match: string, prefix: string, keyQuote: string | undefined, g: SecretGroups, mode: Mode): string {
  if (g.kdq !== undefined) return prefix + g.kdq + REDACTED
  if (g.ksq !== undefined) return prefix + g.ksq + REDACTED
  return replaceUnquoted(match, prefix, keyQuote, g.kuv as string, mode)
}

/**
 * An unquoted value. Under a key in double quotes it is a JSON primitive: a
 * number becomes the string `"[REDACTED]"` (quoted at the key's depth, so
 * JSON text stays JSON); booleans and null say nothing secret and are kept.
 * Elsewhere it is text, masked in place.
 */
function replaceUnquoted(match: string, prefix: string, keyQuote: string | undefined, value: string, mode: Mode): string {
  const primitive = JSON_PRIMITIVE.exec(value)?.[0]
  if (primitive === 'true' || primitive === 'false' || primitive === 'null') return match
  if (keyQuote !== undefined && keyQuote.endsWith('"')) {
    if (primitive !== undefined) return `${prefix}${keyQuote}${REDACTED}${keyQuote}${value.slice(primitive.length)}`
    if (mode === 'line' && keyQuote === '"') return match
  }
  return prefix + REDACTED
}

/** An auth scheme at the head of a header value (`Bearer`, `Token`, `AWS4-HMAC-SHA256`) stays readable. */
const AUTH_SCHEME = /^[A-Za-z][A-Za-z0-9-]{0,30}[ \t]+(?=\S)/

function replaceHeader(match: string, prefix: string, keyQuote: string | undefined, value: string, mode: Mode): string {
  const scheme = AUTH_SCHEME.exec(value)?.[0]
  if (scheme === undefined) return replaceUnquoted(match, prefix, keyQuote, value, mode)
  return prefix + scheme + REDACTED
}

/** Backslashes right before `s[i]`. */
function backslashesBefore(s: string, i: number): number {
  let n = 0
  while (i - n - 1 >= 0 && s.charCodeAt(i - n - 1) === 92) n++
  return n
}

/**
 * The escaping level of a quote preceded by `n` backslashes: 0 for a quote of
 * the text itself (`"`, `\\"`), 1 for a quote of JSON held in one of its
 * strings (`\"`), 2 for one more level down (`\\\"`), …
 */
function quoteLevel(n: number): number {
  let level = 0
  while (n % 2 === 1) {
    level++
    n = (n - 1) / 2
  }
  return level
}

/** The level of the JSON a secret key belongs to; an unquoted key inside a line sits in one of its strings. */
function keyLevel(keyQuote: string | undefined, mode: Mode): number {
  if (keyQuote !== undefined && keyQuote.endsWith('"')) return quoteLevel(keyQuote.length - 1)
  return mode === 'line' ? 1 : 0
}

/**
 * Where the object or array opened at `open` closes, brackets inside strings
 * ignored. `level` is the escaping level of its quotes: a quote of a lower
 * level ends the enclosing string, and the value with it. Returns the index
 * after the value and whether it closed; never an index inside an escape.
 */
function valueEnd(s: string, open: number, level: number, limit: number): { end: number; closed: boolean } {
  let nesting = 0
  let inString = false
  const stop = Math.min(s.length, open + limit)
  for (let i = open; i < stop; i++) {
    const c = s.charCodeAt(i)
    if (c === 34) {
      const n = backslashesBefore(s, i)
      const q = quoteLevel(n)
      if (q < level) return { end: i - n, closed: false }
      if (q === level) inString = !inString
    } else if (!inString && (c === 123 || c === 91)) nesting++
    else if (!inString && (c === 125 || c === 93) && --nesting === 0) return { end: i + 1, closed: true }
  }
  return { end: stop - backslashesBefore(s, stop), closed: false }
}

/**
 * A secret key whose value is an object or an array: the whole value is
 * masked. Under a key in double quotes it becomes the string `"[REDACTED]"`
 * at the key's depth, so JSON stays JSON. A value that does not close (cut
 * text, or a line that was not JSON) is masked up to where its string ends,
 * or for 64 KB inside a string.
 */
function replaceNested(s: string, g: SecretGroups, open: number, mode: Mode): { text: string; end: number } {
  const prefix = g.kp as string
  const quote = g.kq !== undefined && g.kq.endsWith('"') ? g.kq : ''
  const structural = mode === 'line' && quote === '"'
  const { end, closed } = valueEnd(s, open, keyLevel(g.kq, mode), structural ? Infinity : MAX_NESTED_SCAN)
  return { text: prefix + (closed ? quote + REDACTED + quote : REDACTED), end }
}

function maskWith(s: string, mode: Mode): string {
  if (!SECRET_TRIGGER.test(s)) return s
  const re = SECRET_PATTERN_GLOBAL
  re.lastIndex = 0
  let out = ''
  let last = 0
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const g = m.groups as SecretGroups
    let end = m.index + m[0].length
    let text: string
    if (g.kob !== undefined) ({ text, end } = replaceNested(s, g, end - 1, mode))
    else if (g.kdq !== undefined && quoteLevel(g.kdq.length - 1) < keyLevel(g.kq, mode)) {
      // `password=` at the very end of a string: that quote closes the string, it opens no value
      text = g.kp as string
      end = m.index + text.length
    } else text = replaceSecret(m[0], g, mode)
    out += s.slice(last, m.index) + text
    last = end
    re.lastIndex = end
  }
  return last === 0 ? s : out + s.slice(last)
}

/** Masks every secret-looking part of `s`; returns `s` itself when nothing matches. */
export function maskString(s: string): string {
  return maskWith(s, 'string')
}

/**
 * Masks secrets in one serialized JSON line (no line end): secret-looking
 * values in its strings (JSON held in a string included, escaped as it is
 * there: `{\"password\":\"hunter2\"}`), and the line's own keys that name a
 * secret, whatever their value. The result is valid JSON whenever `raw` was;
 * a line with nothing secret-looking is returned as is, after one scan.
 */
export function maskLineText(raw: string): string {
  return maskWith(raw, 'line')
}

