/**
 * A last masking pass over what leaves for Sentry. Lines arrive already
 * redacted by the emitter; this catches secrets that hide where redaction by
 * key cannot see them: inside an error message or stack, a breadcrumb text,
 * or a free-form value (`Bearer …`, `sk-…` API keys, `password=…` pairs).
 */

export const MASK = '[redacted]'

/** Keys whose values are always masked, at any depth (compared lower-case, without - and _). */
const SECRET_KEYS = new Set([
  'authorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apikey',
  'xapikey',
  'privatekey',
  'creditcard',
  'cardnumber',
  'cvv',
  'ssn',
])

const PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${MASK}`],
  [/\b(sk|pk|rk)[-_](?:live[-_]|test[-_]|proj[-_]|ant[-_])?[A-Za-z0-9_-]{12,}/g, MASK],
  [/\b(xox[abprs]-[A-Za-z0-9-]{10,})/g, MASK],
  [/\b(gh[pousr]_[A-Za-z0-9]{20,})/g, MASK],
  [/\b(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, MASK],
  [/\b(password|passwd|pwd|secret|token|api[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;]+)/gi, `$1$2${MASK}`],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, `$1${MASK}@`],
]

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '')
}

export function isSecretKey(key: string, extra: ReadonlySet<string> = new Set()): boolean {
  const k = normalizeKey(key)
  return SECRET_KEYS.has(k) || extra.has(k)
}

export function scrubString(value: string): string {
  let out = value
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/**
 * Returns a masked deep copy: values under secret keys become MASK, strings
 * are passed through the patterns. `extraKeys` adds the catalog's `redact` list.
 */
export function scrub<T>(value: T, extraKeys: readonly string[] = []): T {
  const extra = new Set(extraKeys.map(normalizeKey))
  const seen = new WeakSet<object>()
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubString(v)
    if (v === null || typeof v !== 'object') return v
    if (seen.has(v)) return '[circular]'
    seen.add(v)
    if (Array.isArray(v)) return v.map(walk)
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(v)) {
      out[key] = isSecretKey(key, extra) && inner !== null && inner !== undefined && inner !== '' ? MASK : walk(inner)
    }
    return out
  }
  return walk(value) as T
}
