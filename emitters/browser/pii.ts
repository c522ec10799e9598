/**
 * PII and secrets in the browser, before anything leaves it: `pii: hash`
 * values become HMAC-SHA256 hex under the same key as the Node logger (so the
 * hashes are equal), computed with Web Crypto; `pii: redact` values and
 * secret-named keys become `[REDACTED]`; secret-looking substrings are masked
 * with the same patterns as the server.
 */
import { BUILTIN_REDACT_KEYS, maskString, normalizeKey, REDACTED, SECRET_KEY_SUFFIXES } from '../../core/secrets.js'

export type HashText = (text: string) => Promise<string>

const encoder = new TextEncoder()

function hex(buffer: ArrayBuffer): string {
  let out = ''
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, '0')
  return out
}

/** HMAC-SHA256 hex with Web Crypto; the key is imported once. */
export function webCryptoHasher(key: string): HashText {
  const imported = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return async (text) => hex(await crypto.subtle.sign('HMAC', await imported, encoder.encode(text)))
}

type Treat = (value: unknown) => Promise<unknown>

function hashTreat(hash: HashText | undefined): Treat {
  const one = async (v: unknown): Promise<unknown> => {
    if (hash === undefined) return REDACTED
    if (typeof v === 'string') return hash(v)
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return hash(String(v))
    if (Array.isArray(v)) return Promise.all(v.map((item: unknown) => (item === null || item === undefined ? item : one(item))))
    return REDACTED
  }
  return one
}

const redactTreat: Treat = async () => REDACTED

/** A copy of `value` with `treat` applied at `segments` (arrays apply the rest of the path to each item). */
async function treatAt(value: unknown, segments: readonly string[], treat: Treat): Promise<unknown> {
  if (value === undefined || value === null) return value
  if (segments.length === 0) return treat(value)
  if (Array.isArray(value)) return Promise.all(value.map((item: unknown) => treatAt(item, segments, treat)))
  if (typeof value !== 'object') return value
  const [head, ...rest] = segments as [string, ...string[]]
  const record = value as Record<string, unknown>
  if (!(head in record)) return value
  return { ...record, [head]: await treatAt(record[head], rest, treat) }
}

function segmentsOf(path: string): string[] {
  return path
    .split('.')
    .map((s) => s.replace(/\[\]$/, ''))
    .filter((s) => s !== '')
}

/** The event's properties with hash and redact paths treated; the input is not changed. */
export async function applyBrowserPii(
  props: Record<string, unknown>,
  paths: { readonly hash: readonly string[]; readonly redact: readonly string[] },
  hash: HashText | undefined,
): Promise<Record<string, unknown>> {
  let out: unknown = props
  const hashed = hashTreat(hash)
  for (const path of paths.hash) out = await treatAt(out, segmentsOf(path), hashed)
  for (const path of paths.redact) out = await treatAt(out, segmentsOf(path), redactTreat)
  return out as Record<string, unknown>
}

/** Whether a key names a secret: the built-in keys and suffixes plus the catalog's `redact` list. */
export function secretKeyTest(extra: readonly string[]): (key: string) => boolean {
  const exact = new Set([...BUILTIN_REDACT_KEYS, ...extra.map((k) => k.slice(k.lastIndexOf('.') + 1))].map(normalizeKey))
  return (key) => {
    const n = normalizeKey(key)
    return exact.has(n) || SECRET_KEY_SUFFIXES.some((suffix) => n.endsWith(suffix))
  }
}

/** Secret keys become `[REDACTED]` and secret-looking strings are masked, at any depth; `skip` names top-level keys already treated. */
export function maskSecrets(value: unknown, isSecret: (key: string) => boolean, skip: ReadonlySet<string> = new Set()): unknown {
  if (typeof value === 'string') return maskString(value)
  if (Array.isArray(value)) return value.map((item: unknown) => maskSecrets(item, isSecret))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = skip.has(key) ? v : isSecret(key) && v !== undefined ? REDACTED : maskSecrets(v, isSecret)
  }
  return out
}
