/**
 * line -> Better Stack log record: the line as it is, plus `dt` (the field
 * Better Stack reads the event time from) set to the line's time. The record
 * is the line's own JSON text with `dt` spliced in (no parse, no copy).
 * Lines below the destination's level encode to null: nothing is sent for them.
 */
import { LEVEL_VALUES, type Level } from '../../../schema/compiled.js'
import type { LineHead } from '../../worker/delivery/types.js'
import { spliceField } from '../http/splice.js'

/** One record as JSON text. */
export type BetterstackRecord = string

/** `head` is the parsed line itself when the caller has it; without `raw`, the line is written out */
export function createBetterstackEncoder(level: Level): (head: LineHead, raw?: string) => BetterstackRecord | null {
  const floor = LEVEL_VALUES[level]
  return (head, raw) => {
    const value = LEVEL_VALUES[head.level] ?? 0
    if (value < floor) return null
    return spliceField(raw ?? JSON.stringify(head), 'dt', head.time)
  }
}
