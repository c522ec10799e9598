import { LEVELS, LEVEL_VALUES, type Level } from '../schema/compiled.js'

const BY_VALUE = new Map<number, Level>(LEVELS.map((level) => [LEVEL_VALUES[level], level]))

/**
 * The level of a line as a label. linecast writes labels; a numeric pino level
 * (a line from a plain pino logger) maps to its label, and anything else counts as `info`.
 */
export function levelOf(value: unknown): Level {
  if (typeof value === 'string' && value in LEVEL_VALUES) return value as Level
  if (typeof value === 'number') {
    const exact = BY_VALUE.get(value)
    if (exact !== undefined) return exact
    let found: Level = 'trace'
    for (const level of LEVELS) if (LEVEL_VALUES[level] <= value) found = level
    return found
  }
  return 'info'
}

export function isLevel(key: string): key is Level {
  return key in LEVEL_VALUES
}
