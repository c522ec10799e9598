/** ANSI styling for `linecast tail`; a disabled palette returns text unchanged. */
import type { Level } from '../../schema/compiled.js'

export interface Palette {
  enabled: boolean
  level(level: Level | undefined, text: string): string
  event(text: string): string
  system(text: string): string
  key(text: string): string
  dim(text: string): string
  invalid(text: string): string
}

const codes = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
  gray: '\u001b[90m',
  bgRed: '\u001b[41m',
  white: '\u001b[97m',
} as const

const LEVEL_STYLE: Record<Level, string> = {
  trace: codes.gray,
  debug: codes.blue,
  info: codes.green,
  warn: codes.yellow,
  error: codes.red,
  fatal: codes.bgRed + codes.white,
}

function wrap(style: string, text: string): string {
  return `${style}${text}${codes.reset}`
}

export function createPalette(enabled: boolean): Palette {
  if (!enabled) {
    const same = (text: string): string => text
    return { enabled, level: (_l, t) => t, event: same, system: same, key: same, dim: same, invalid: same }
  }
  return {
    enabled,
    level: (level, text) => (level ? wrap(LEVEL_STYLE[level], text) : text),
    event: (text) => wrap(codes.bold + codes.cyan, text),
    system: (text) => wrap(codes.magenta, text),
    key: (text) => wrap(codes.gray, text),
    dim: (text) => wrap(codes.dim, text),
    invalid: (text) => wrap(codes.bold + codes.bgRed + codes.white, text),
  }
}

/**
 * Colours when stdout is a terminal and NO_COLOR is unset; `--color` / `--no-color` win.
 * `FORCE_COLOR` (any value but 0) also turns them on.
 */
export function shouldColor(opts: { flag?: boolean; isTTY: boolean; env: Record<string, string | undefined> }): boolean {
  if (opts.flag !== undefined) return opts.flag
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false
  if (opts.env.FORCE_COLOR !== undefined && opts.env.FORCE_COLOR !== '0') return true
  return opts.isTTY
}
