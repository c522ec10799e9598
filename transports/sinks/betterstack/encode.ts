/**
 * line -> Better Stack log record: the line as it is, plus `dt` (the field
 * Better Stack reads the event time from) set to the line's time. The record
 * is the line's own JSON text with `dt` spliced in (no parse, no copy).
 * Lines below the destination's level encode to null: nothing is sent for them.
 */
import { LEVEL_VALUES, type Level } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { spliceField } from '../http/splice.js'

/** One record as JSON text. */
export type BetterstackRecord = string

export function createBetterstackEncoder(level: Level): (line: LogLine, raw?: string) => BetterstackRecord | null {
  const floor = LEVEL_VALUES[level]
  return (line, raw) => {
    const value = LEVEL_VALUES[line.level] ?? 0
    if (value < floor) return null
    return spliceField(raw ?? JSON.stringify(line), 'dt', line.time)
  }
}
