/**
 * What a secret looks like: the keys whose values are always redacted, and the
 * value patterns masked inside any string. One combined regular expression, so
 * a string is scanned once.
 */

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
 * `client_secret`, `github_access_token`. Plain `token` only matches exactly, so
 * `input_tokens` and `max_tokens` stay readable.
 */
export const SECRET_KEY_SUFFIXES: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'apikey',
  'accesstoken',
  'refreshtoken',
  'authtoken',
  'sessiontoken',
  'idtoken',
  'privatekey',
  'secretkey',
]

export function normalizeKey(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase()
}

const PARAM_NAME = '[A-Za-z0-9_.-]*(?:[Kk]ey|KEY|[Tt]oken|TOKEN|[Pp]assword|PASSWORD|[Pp]asswd|[Ss]ecret|SECRET|[Ss]ignature|[Ss]ig)'

/**
 * Alternatives, in order: Stripe-style keys (`sk_live_`, `rk_test_`, `pk_live_`,
 * `whsec_`), `sk-…` API keys (OpenAI, Anthropic), GitHub and Slack tokens, AWS
 * access key ids, JWTs, `Bearer <token>` / `Basic <base64>` (group 1 keeps the
 * scheme), `name=value` pairs whose name ends in key/token/password/secret
 * (group 2 keeps `name=`).
 */
const SOURCE = [
  '\\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}',
  '\\bwhsec_[A-Za-z0-9]{8,}',
  '\\bsk-[A-Za-z0-9_-]{16,}',
  '\\bgh[pousr]_[A-Za-z0-9]{20,}',
  '\\bxox[abprs]-[A-Za-z0-9-]{10,}',
  '\\bAKIA[0-9A-Z]{16}\\b',
  '\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*',
  '\\b(Bearer|bearer|BEARER)\\s+[A-Za-z0-9._~+/=-]{3,}',
  '\\b(Basic|BASIC)\\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}',
  // the value ends before trailing punctuation: `token=abc: next` keeps `: next`
  `(\\b${PARAM_NAME}=)[^&\\s"'<>;,]*[^&\\s"'<>;,:.)]`,
].join('|')

/** Tests a string (not global: no `lastIndex` state). */
export const SECRET_PATTERN = new RegExp(SOURCE)
const SECRET_PATTERN_GLOBAL = new RegExp(SOURCE, 'g')

function replaceSecret(_match: string, scheme?: string, scheme2?: string, param?: string): string {
  const s = scheme ?? scheme2
  if (s !== undefined) return `${s} ${REDACTED}`
  if (param !== undefined) return param + REDACTED
  return REDACTED
}

/** Masks every secret-looking part of `s`; returns `s` itself when nothing matches. */
export function maskString(s: string): string {
  if (!SECRET_PATTERN.test(s)) return s
  return s.replace(SECRET_PATTERN_GLOBAL, replaceSecret)
}

/** Masks every secret-looking part of one raw JSON line as written (the worker calls it before parsing). */
export function maskLineText(raw: string): string { return maskString(raw) }
