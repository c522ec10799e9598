/**
 * The in-memory queue of one destination: a FIFO bounded in bytes. `offer`
 * refuses a line that would pass the bound (the chain sends it to the spool);
 * `unshift` puts back lines that are already accounted for.
 */
import type { LineHead, LogLine } from './types.js'

/** One line on its way to one destination. */
export interface Entry {
  /** the line's JSON text, secrets masked, cut to the destination's line limit */
  raw: string
  /** level, time, eventId and event: the line itself when it is kept */
  head: LineHead
  /** the parsed line; absent when the destination reads the text alone (`lineOf` parses it again) */
  line?: LogLine
  /** > 0: accepted in this run, counted by flush; 0: read back from the spool */
  seq: number
  /** when the line was accepted (ms) */
  at: number
  /** the spool segment the line was read back from */
  segment?: string
}

/** The entry's parsed line, from its text when only the head was kept. */
export function lineOf(entry: Pick<Entry, 'raw' | 'line'>): LogLine {
  return entry.line ?? (JSON.parse(entry.raw) as LogLine)
}

/** The head of a line, apart from it (so that the line itself can be collected). */
export function headOf(line: LogLine): LineHead {
  return { level: line.level, time: line.time, eventId: line.eventId, event: line.event }
}

export class ByteQueue {
  private items: Entry[] = []
  private head = 0
  private sizeBytes = 0

  constructor(readonly maxBytes: number) {}

  get length(): number {
    return this.items.length - this.head
  }

  get bytes(): number {
    return this.sizeBytes
  }

  /** when the oldest line was accepted, or undefined when empty */
  get oldestAt(): number | undefined {
    return this.items[this.head]?.at
  }

  offer(entry: Entry): boolean {
    if (this.length > 0 && this.sizeBytes + entry.raw.length > this.maxBytes) return false
    this.items.push(entry)
    this.sizeBytes += entry.raw.length
    return true
  }

  peek(): Entry | undefined {
    return this.items[this.head]
  }

  shift(): Entry | undefined {
    if (this.length === 0) return undefined
    const entry = this.items[this.head] as Entry
    this.items[this.head] = undefined as unknown as Entry
    this.head++
    this.sizeBytes -= entry.raw.length
    if (this.head === this.items.length) {
      this.items = []
      this.head = 0
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return entry
  }

  /** removes and returns everything, oldest first */
  drain(): Entry[] {
    const out = this.items.slice(this.head)
    this.items = []
    this.head = 0
    this.sizeBytes = 0
    return out
  }
}
