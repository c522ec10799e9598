/**
 * The one module of the CLI that prints. Commands receive an `Output` and
 * never touch `process.stdout` or `console`; tests hand in their own streams.
 */
import type { Writable } from 'node:stream'

export interface Output {
  /** one line on stdout */
  line(text?: string): void
  /** text on stdout as is (no newline added): streaming commands */
  write(text: string): void
  /** one line on stderr, prefixed `warning:` */
  warn(text: string): void
  /** one line on stderr, prefixed `error:` */
  error(text: string): void
  /** one line on stderr as is (diagnostics, usage after an error) */
  note(text: string): void
  /** true when stdout is a terminal and NO_COLOR is unset */
  readonly color: boolean
}

export interface OutputStreams {
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable
  env?: NodeJS.ProcessEnv
}

export function createOutput(streams: OutputStreams): Output {
  const env = streams.env ?? {}
  const color = streams.stdout.isTTY === true && env['NO_COLOR'] === undefined
  const out = (text: string): void => {
    streams.stdout.write(text)
  }
  const err = (text: string): void => {
    streams.stderr.write(text)
  }
  return {
    line: (text = '') => out(`${text}\n`),
    write: out,
    warn: (text) => err(`warning: ${text}\n`),
    error: (text) => err(`error: ${text}\n`),
    note: (text) => err(`${text}\n`),
    color,
  }
}
