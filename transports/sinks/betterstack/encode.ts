/**
 * line -> Better Stack log record: the line as it is, plus `dt` (the field
 * Better Stack reads the event time from) set to the line's time.
 * Lines below the destination's level encode to null: nothing is sent for them.
 */
import { LEVEL_VALUES, type Level } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'

export type BetterstackRecord = LogLine & { dt: string }

export function createBetterstackEncoder(level: Level): (line: LogLine) => BetterstackRecord | null {
  const floor = LEVEL_VALUES[level]
  return (line) => {
    const value = LEVEL_VALUES[line.level] ?? 0
    if (value < floor) return null
    return { ...line, dt: line.time }
  }
}
