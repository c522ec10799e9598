/**
 * The secret pattern set linecast used before URL credentials, keys inside
 * JSON and `key: value` text and the cloud token shapes were added: kept here
 * only so bench/emit.ts can print the cost of the current set against it in
 * the same run.
 */
const PARAM_NAME = '[A-Za-z0-9_.-]*(?:[Kk]ey|KEY|[Tt]oken|TOKEN|[Pp]assword|PASSWORD|[Pp]asswd|[Ss]ecret|SECRET|[Ss]ignature|[Ss]ig)'

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
  `(\\b${PARAM_NAME}=)[^&\\s"'<>;,]*[^&\\s"'<>;,:.)]`,
].join('|')

const TEST = new RegExp(SOURCE)
const GLOBAL = new RegExp(SOURCE, 'g')

function replace(_match: string, scheme?: string, scheme2?: string, param?: string): string {
  const s = scheme ?? scheme2
  if (s !== undefined) return `${s} [REDACTED]`
  if (param !== undefined) return param + '[REDACTED]'
  return '[REDACTED]'
}

export function legacyMaskString(s: string): string {
  if (!TEST.test(s)) return s
  return s.replace(GLOBAL, replace)
}
