/**
 * No silent loss: every line of one destination that is dead-lettered or
 * dropped is counted and reported at once on an error-level
 * `linecast.delivery` line saying how many, why, where the lines are and
 * what to do. A loss report that is itself lost is counted, not reported
 * again (that would loop).
 */
import type { Level } from '../../../core/level.js'
import type { DeadLetter } from './dead-letter.js'
import type { DestinationStats } from './stats.js'
import { lineOf } from './queue.js'
import type { LineHead, LogLine } from './types.js'

export type Report = (level: Level, msg: string, fields?: Record<string, unknown>) => void

export interface Lost {
  raw: string
  line?: LogLine
  /** kept instead of the line by a destination that reads the text alone */
  head?: LineHead
}

/** a linecast.delivery line with an outcome; the text is parsed only for a delivery line whose parsed form was not kept */
function isLossReport(entry: Lost): boolean {
  if ((entry.line ?? entry.head)?.event !== 'linecast.delivery') return false
  return lineOf(entry).outcome !== undefined
}

export class Losses {
  constructor(
    private readonly destination: string,
    private readonly stats: DestinationStats,
    private readonly deadLetter: DeadLetter,
    private readonly report: Report,
  ) {}

  /** Lines refused for good, or that cannot be spooled: to the dead-letter file, else dropped. */
  deadLetterAll(entries: readonly Lost[], reason: string): void {
    if (entries.length === 0) return
    const path = this.deadLetter.path(this.destination)
    try {
      this.deadLetter.write(this.destination, entries, reason)
    } catch (error) {
      const why = `${reason}; the dead-letter file cannot be written either: ${error instanceof Error ? error.message : String(error)}`
      return this.drop(entries, why, 'nowhere: the lines are lost', 'make deadLetterDir and spoolDir writable')
    }
    this.stats.deadLettered += entries.length
    this.tell(entries, 'dead_lettered', reason, path, `fix the cause, then run \`linecast replay ${path}\``)
  }

  /** Lines given up on (spool full, nothing writable): counted and reported. */
  drop(entries: readonly Lost[] | number, reason: string, where: string, action: string): void {
    const count = typeof entries === 'number' ? entries : entries.length
    if (count === 0) return
    this.stats.dropped += count
    this.tell(entries, 'dropped', reason, where, action)
  }

  private tell(entries: readonly Lost[] | number, outcome: 'dropped' | 'dead_lettered', reason: string, where: string, action: string): void {
    const count = typeof entries === 'number' ? entries : entries.filter((e) => !isLossReport(e)).length
    if (count === 0) return
    const what = outcome === 'dropped' ? 'dropped' : 'dead-lettered'
    this.report('error', `${count} line(s) for "${this.destination}" ${what}; see reason, where and action`, {
      destination: this.destination,
      outcome,
      count,
      reason,
      where,
      action,
    })
  }
}
