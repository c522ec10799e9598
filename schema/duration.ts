import { LinecastError } from '../core/errors.js'

/** A duration string that `parseDuration` cannot read. */
export class InvalidDurationError extends LinecastError {
  readonly input: string
  constructor(input: string) {
    super(
      'LINECAST_INVALID_DURATION',
      `invalid duration ${JSON.stringify(input)}: write a positive number followed by a unit, e.g. 500ms, 30s, 5m, 1h, 1d, 2w`,
    )
    this.input = input
  }
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/

/** `'30s'` `'1m'` `'5m'` `'1h'` `'1d'` `'90d'` -> milliseconds. Throws `InvalidDurationError` on bad input. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim())
  if (!match) throw new InvalidDurationError(text)
  const amount = Number(match[1])
  const unit = UNIT_MS[match[2] ?? '']
  if (unit === undefined || !(amount > 0)) throw new InvalidDurationError(text)
  return Math.round(amount * unit)
}
