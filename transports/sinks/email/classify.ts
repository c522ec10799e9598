/**
 * A nodemailer failure -> Outcome. SMTP 4xx (421 service not available, 450/451/452
 * try later) and failures to connect retry; 5xx reject; an authentication failure
 * (535, 530, 534, 538, or nodemailer's EAUTH/ENOAUTH) rejects loudly: the
 * credentials need fixing, retrying will not help.
 */
import type { Outcome } from '../../worker/delivery/types.js'

export interface SmtpFailure {
  code?: unknown
  responseCode?: unknown
  response?: unknown
  message?: unknown
}

const AUTH_CODES = new Set([530, 534, 535, 538])
const LOUD_ERRORS = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG'])

export function classifySmtpError(error: unknown): Outcome {
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpFailure
  const code = typeof err.code === 'string' ? err.code : undefined
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined
  const detail = typeof err.response === 'string' ? err.response : typeof err.message === 'string' ? err.message : 'unknown error'
  const reason = `SMTP ${responseCode ?? code ?? 'error'}: ${detail}`
  if ((responseCode !== undefined && AUTH_CODES.has(responseCode)) || (code !== undefined && LOUD_ERRORS.has(code))) {
    return { type: 'reject', reason, loud: true }
  }
  if (responseCode !== undefined && responseCode >= 500) return { type: 'reject', reason }
  return { type: 'retry', reason }
}
