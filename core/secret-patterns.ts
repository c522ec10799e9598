/**
 * The one combined regular expression that finds secret-looking text, so a
 * string is scanned once. Every quantifier is bounded or runs over a class
 * that cannot overlap its neighbour, so the work is linear in the length of
 * the string (no catastrophic backtracking on hostile input).
 *
 * Nothing a replacement removes may contain a bare `"`: the same pattern
 * masks serialized JSON lines (maskLineText), whose string boundaries must
 * survive. Named groups tell the replacer which alternative matched.
 */

/** `password` -> `[pP][aA]…`: case-insensitive without the `i` flag, which would loosen the token shapes. */
function ci(word: string): string {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`)
}

const SEP = '[-_]?'

/** Names whose value is a secret after `:` or `=` (JSON, YAML, headers, `key=value`). */
const STRONG_NAMES = [
  ci('password'),
  ci('passwd'),
  ci('secret'),
  ci('token'),
  `(?:${['api', 'access', 'private', 'secret', 'signing', 'encryption', 'account', 'client', 'master'].map(ci).join('|')})${SEP}${ci('key')}`,
  ci('signature'),
].join('|')

/** Names whose value runs to the end of the line (a header value may hold spaces: `Token abc`, `a=1; b=2`). */
const LINE_NAMES = [ci('authorization'), ci('cookie')].join('|')

/** Names masked only in `name=value` form (query strings, connection strings). */
const WEAK_NAMES = ['[Kk]ey|KEY', ci('sig'), ci('pwd'), ci('pass'), ci('auth')].join('|')

/** A quote as it appears at any escaping depth: `"`, `\"`, `\\\"`… */
const DQ = '\\\\{0,7}"'
const SQ = "\\\\{0,7}'"
const KEY_QUOTE = `(?:${DQ}|${SQ})`
const NOT_REDACTED = '(?!\\[REDACTED\\])'

/** A value in double quotes: escapes (`\n`, `\\n`, `\u0041`) are part of it, any quote at any depth ends it. */
const DQ_VALUE = '(?:[^"\\\\\\r\\n]|\\\\+[^"\\\\\\r\\n])*'
const SQ_VALUE = "[^'\\\\\\r\\n]*"
const UNQUOTED_VALUE = '[^\\s&;,"\'<>\\\\{}\\[\\]]*[^\\s&;,"\'<>\\\\{}\\[\\]:.)]'

const KEYED_LINE =
  `(?<lp>(?:${LINE_NAMES})(?<lq>${KEY_QUOTE})?[ \\t]*[:=][ \\t]*)` +
  `(?!\\\\{0,7}["'{\\[])${NOT_REDACTED}(?<lv>[^"'\\\\\\r\\n]*[^"'\\\\\\r\\n\\s,;])`

const KEYED =
  `(?<kp>(?:${STRONG_NAMES}|${LINE_NAMES})(?<kq>${KEY_QUOTE})?[ \\t]*[:=][ \\t]*|(?:${WEAK_NAMES})=)` +
  `(?:(?<kdq>${DQ})${NOT_REDACTED}(?<kdv>${DQ_VALUE})` +
  `|(?<ksq>${SQ})${NOT_REDACTED}(?<ksv>${SQ_VALUE})` +
  `|(?<kob>[{\\[])` +
  `|${NOT_REDACTED}(?<kuv>${UNQUOTED_VALUE}))`

const PEM_NAME = '-----BEGIN[A-Z ]{0,24}PRIVATE KEY(?: BLOCK)?-----'
/**
 * A whole block, or (cut short) its head and everything up to the end of its
 * string: each character is consumed once (linear however many headers),
 * an escape (`\n`, `\\`) whole, and a quote at any escaping depth ends it.
 */
const PEM = `${PEM_NAME}(?:[^"\\\\-]|\\\\[^"]|-(?!----END))*(?:-----END[A-Z ]{0,24}PRIVATE KEY(?: BLOCK)?-----)?`

/** `scheme://user:password@`: group `up` keeps `://user:` (anchored on `://`, so a scan does not try every word as a scheme). */
const URL_CREDENTIALS = `(?<up>://[^\\s:/?#@"'\\\\]{0,128}:)${NOT_REDACTED}[^\\s@/?#"'\\\\]{1,256}(?=@)`

/**
 * An AWS access key id, and the 40-character secret access key when it
 * follows within a few characters (a space, a comma, `", "secretAccessKey": "`).
 */
const AWS =
  '\\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![0-9A-Za-z])' +
  '(?:(?<awssep>[^A-Za-z0-9/+=]{1,12}(?:[A-Za-z_]{1,40}[^A-Za-z0-9/+=]{1,12})?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))?'

/** Token shapes whose prefix says what they are. */
const TOKENS = [
  '\\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}', // Stripe secret, publishable, restricted keys
  '\\bwhsec_[A-Za-z0-9]{8,}', // Stripe webhook signing secret
  '\\bsk-[A-Za-z0-9_-]{16,}', // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-api03-, sk-ant-admin01-)
  '\\bgh[pousr]_[A-Za-z0-9]{20,}', // GitHub classic tokens
  '\\bgithub_pat_[A-Za-z0-9_]{20,}', // GitHub fine-grained tokens
  '\\bglpat-[A-Za-z0-9_-]{20,}', // GitLab personal access tokens
  '\\bxox[a-z]-[A-Za-z0-9-]{10,}', // Slack bot, user, app, refresh tokens
  '(?<sh>hooks\\.slack\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9/_-]{8,}', // Slack webhook path
  '\\bAIza[0-9A-Za-z_-]{35}', // Google API keys
  '\\bGOCSPX-[A-Za-z0-9_-]{20,}', // Google OAuth client secrets
  '\\bnpm_[A-Za-z0-9]{36}', // npm tokens
  '\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}', // SendGrid API keys
  '\\bphx_[A-Za-z0-9]{20,}', // PostHog personal API keys
  '\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*', // JWTs
]

/** `Bearer <token>` / `Basic <base64>`: groups `bs`/`bb` keep the scheme. */
const SCHEMES = [
  '\\b(?<bs>Bearer|bearer|BEARER)\\s+[A-Za-z0-9._~+/=-]{3,}',
  '\\b(?<bb>Basic|BASIC)\\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}',
]

export const SECRET_SOURCE = [PEM, URL_CREDENTIALS, AWS, KEYED_LINE, KEYED, ...SCHEMES, ...TOKENS].join('|')

/**
 * The cheap pre-check: every match of SECRET_SOURCE contains one of these.
 * Each alternative starts at a character that is rare in a log line (`:`,
 * `=`, `_`, `-`, `.`, `@`, a space, `J`, `I`, `C`, `z`) and looks behind for
 * the rest, so the engine tries few positions and most lines are passed in
 * a fraction of a full scan (bench/emit: maskLineText next to JSON.parse).
 * Keep it a superset when adding a pattern: core/secrets.test.ts checks it
 * on the corpus.
 */
const TRIGGER_NAMES = ['password', 'passwd', 'secret', 'token', 'key', 'signature', 'authorization', 'cookie', 'sig', 'pwd', 'pass', 'auth'].map(ci).join('|')

export const SECRET_TRIGGER_SOURCE = [
  // a secret name, its quote at any depth and blanks before the separator (KEYED, KEYED_LINE)
  `[:=](?<=(?:${TRIGGER_NAMES})(?:\\\\{0,7}["'])?[ \\t]*[:=])`,
  '_(?:(?<=[spr]k_)(?:live|test)_|(?<=whsec_|gh[pousr]_|npm_|phx_)|pat_(?<=github_pat_))',
  '-(?:(?<=sk-|glpat-|xox[a-z]-|GOCSPX-)|----BEGIN)',
  '\\.(?:(?<=SG\\.)|slack\\.com/(?<=hooks\\.slack\\.com/))',
  // URL credentials: `://user:password@`
  `@(?<=://[^\\s/?#@"'\\\\]{0,400}@)`,
  '\\s(?<=(?:Bearer|bearer|BEARER|Basic|BASIC)\\s)',
  'J(?<=eyJ)',
  'IA(?<=A[KSB]IA)',
  'CA(?<=ACCA)',
  'za(?<=AIza)',
].join('|')

/** What each alternative captured (undefined groups did not take part in the match). */
export interface SecretGroups {
  /** URL credentials: `scheme://user:` */
  up?: string
  /** AWS: what separates the key id from the secret key */
  awssep?: string
  /** header-like names (authorization, cookie): name and separator, the key's quote, the value */
  lp?: string
  lq?: string
  lv?: string
  /** other secret names: name and separator, the key's quote */
  kp?: string
  kq?: string
  /** the value: double-quoted (quote, text), single-quoted, an object or array opening, unquoted */
  kdq?: string
  kdv?: string
  ksq?: string
  ksv?: string
  kob?: string
  kuv?: string
  /** Slack webhook: host and path head kept */
  sh?: string
  /** Bearer / Basic scheme */
  bs?: string
  bb?: string
}
