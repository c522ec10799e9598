/**
 * The per-line path of `linecast tail`: parse, filter, render, count.
 * Printing goes through the `write` callback the command hands in. Pretty
 * output escapes every control character of the log; `--json` writes each
 * line as it came, byte for byte. A line cut at the length cap shows its head
 * and a marker (with `--json` it is left out of stdout and reported through
 * `warn`, so stdout stays one JSON document per line); the summary counts it.
 */
import { escapeControls, escapeJsonControls } from './escape.js'
import type { TailFilter } from './filter.js'
import { formatCutLine, formatLine, type FormatOptions } from './format.js'
import { parseLine, type TailLine } from './line.js'
import type { LineCut } from './split.js'
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
  /** a note for stderr (a cut line left out of --json output) */
  warn: (text: string) => void
}

export interface TailSession {
  /** one line of input, without its newline; `cut` when only its head was kept */
  push(text: string, cut?: LineCut): void
  readonly summary: TailSummary
}

export function createTailSession(options: TailSessionOptions): TailSession {
  const summary = createSummary()
  const { filter, json, format, payload, write, warn } = options

  function show(line: TailLine): void {
    if (payload && line.type === 'record') {
      const body = escapeJsonControls(JSON.stringify(payload.of(line.record, line)) ?? 'undefined')
      if (json) {
        write(body)
        return
      }
      write(formatLine(line, format))
      write(`  ${format.palette.dim(`→ ${escapeControls(payload.destination)}`)} ${body}`)
      return
    }
    write(json ? line.text : formatLine(line, format))
  }

  function showCut(line: TailLine, cut: LineCut): void {
    if (json) warn(`line ${summary.read} is ${cut.bytes} bytes, over the line cap: left out of the --json output (raise it with --max-line-bytes)`)
    else write(formatCutLine(line.text, cut.bytes, format.palette))
  }

  return {
    summary,
    push(text, cut) {
      summary.read++
      // a cut line is its head only: never parsed, shown as raw text when nothing is filtered
      const line: TailLine = cut === undefined ? parseLine(text) : { type: 'raw', text }
      if (cut !== undefined) summary.cut++
      if (!filter(line)) return
      countShown(summary, line)
      if (cut === undefined) show(line)
      else showCut(line, cut)
    },
  }
}
