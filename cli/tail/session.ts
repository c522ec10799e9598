/**
 * The per-line path of `linecast tail`: parse, filter, render, count.
 * Printing goes through the `write` callback the command hands in.
 */
import type { TailFilter } from './filter.js'
import { formatLine, type FormatOptions } from './format.js'
import { parseLine, type TailLine } from './line.js'
import { countShown, createSummary, type TailSummary } from './summary.js'

/** `--dest`: what the destination would receive for a routed line (undefined: nothing). */
export type PayloadOf = (record: Record<string, unknown>, line: TailLine) => unknown

export interface TailSessionOptions {
  filter: TailFilter
  /** print matched lines as they came (JSON passthrough) instead of pretty */
  json: boolean
  format: FormatOptions
  /** set with `--dest`: each shown line is followed by (or, with --json, replaced by) its payload */
  payload?: { destination: string; of: PayloadOf }
  /** one line of output, no newline */
  write: (text: string) => void
}

export interface TailSession {
  /** one line of input, without its newline */
  push(text: string): void
  readonly summary: TailSummary
}

export function createTailSession(options: TailSessionOptions): TailSession {
  const summary = createSummary()
  const { filter, json, format, payload, write } = options

  function show(line: TailLine): void {
    if (payload && line.type === 'record') {
      const body = payload.of(line.record, line)
      if (json) {
        write(JSON.stringify(body))
        return
      }
      write(formatLine(line, format))
      write(`  ${format.palette.dim(`→ ${payload.destination}`)} ${JSON.stringify(body)}`)
      return
    }
    write(json ? line.text : formatLine(line, format))
  }

  return {
    summary,
    push(text) {
      summary.read++
      const line = parseLine(text)
      if (!filter(line)) return
      countShown(summary, line)
      show(line)
    },
  }
}
