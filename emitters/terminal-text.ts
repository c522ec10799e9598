/**
 * Text bound for a developer's terminal, made inert: every control character
 * (C0 except tab, DEL, C1) and every bidirectional override or isolate is
 * written as a visible escape (`\x1b`, `\u202e`), so a log line cannot move
 * the cursor, clear the screen, set the title, ring the bell or reorder text.
 */

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function visible(c: string): string {
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** `s` with every control character escaped; `keepNewlines` leaves `\n` (a stack trace's lines) as is. */
export function escapeControl(s: string, keepNewlines = false): string {
  const re = keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL
  re.lastIndex = 0
  return re.test(s) ? s.replace(re, visible) : s
}

/**
 * A JSON line with the control characters of every key and string escaped
 * (newlines kept only in `stack` fields, so stack traces stay readable); a
 * line that is not JSON is escaped as text.
 */
export function escapeLineForTerminal(line: string): string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return escapeControl(line.endsWith('\n') ? line.slice(0, -1) : line) + '\n'
  }
  return JSON.stringify(escapeValue(value, false, 0)) + '\n'
}

function escapeValue(value: unknown, isStack: boolean, depth: number): unknown {
  if (typeof value === 'string') return escapeControl(value, isStack)
  if (typeof value !== 'object' || value === null || depth > 64) return value
  if (Array.isArray(value)) return value.map((v) => escapeValue(v, false, depth + 1))
  const out = Object.create(null) as Record<string, unknown>
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[escapeControl(k)] = escapeValue(v, k === 'stack', depth + 1)
  return out
}
