/**
 * Development output: pino-pretty as a synchronous stream (not a worker
 * transport), so lines appear in order and tests can read them at once.
 * Every line is made inert for the terminal first (terminal-text.ts): the
 * control characters of its keys and values are printed as escapes, and only
 * pino-pretty's own colours reach the terminal.
 */
import { createRequire } from 'node:module'
import type { DestinationStream } from 'pino'
import type PinoPretty from 'pino-pretty'
import { escapeLineForTerminal } from './terminal-text.js'

/** Loaded on first use: a service in production never writes pretty text. */
const loadPretty = (): typeof PinoPretty => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty

export interface PrettyOptions {
  /** where the pretty text goes; default stdout */
  destination?: DestinationStream | NodeJS.WritableStream
  /** ANSI colours; default: when writing to a terminal stdout */
  colorize?: boolean
}

export function createPrettyStream(options: PrettyOptions = {}): DestinationStream {
  const toStdout = options.destination === undefined
  const pretty = loadPretty()({
    sync: true,
    colorize: options.colorize ?? (toStdout && process.stdout.isTTY === true),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,env,eventId,event',
    messageFormat: '{if event}[{event}] {end}{msg}',
    ...(toStdout ? {} : { destination: options.destination }),
  })
  return {
    write: (line: string) => pretty.write(escapeLineForTerminal(line)),
    flushSync: () => (pretty as unknown as { flushSync?: () => void }).flushSync?.(),
    end: () => pretty.end(),
  } as DestinationStream
}

/** Pretty unless in production (always raw JSON there) or told otherwise. */
export function wantsPretty(explicit: boolean | undefined, env: string, destination: unknown): boolean {
  if (env === 'production') return false
  if (explicit !== undefined) return explicit
  return env === 'development' && destination === undefined && process.stdout.isTTY === true
}
