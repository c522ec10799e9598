/**
 * Where `linecast tail` reads from: a stream (stdin), a file (read once, or
 * followed with -f), or a command it runs (`linecast tail -- node server.js`),
 * whose stdout and stderr are both read and whose exit code becomes tail's.
 */
import { spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { constants } from 'node:os'
import type { Readable } from 'node:stream'
import { TailSourceError } from './errors.js'
import { followFile } from './follow.js'
import { LineSplitter, type LineCut } from './split.js'

export type TailSource =
  | { type: 'stream'; stream: Readable }
  | { type: 'file'; path: string; follow: boolean; pollMs?: number }
  | { type: 'command'; command: string; args: string[]; env?: NodeJS.ProcessEnv; cwd?: string }

/** `cut` is set on a line longer than the cap: its head is `text`. */
export type LineHandler = (text: string, origin: 'stdout' | 'stderr', cut?: LineCut) => void

/** How lines are read: `signal` stops reading; lines past `maxLineBytes` are cut. */
export interface ReadOptions {
  signal: AbortSignal
  maxLineBytes?: number
}

/** Reads `stream` line by line until it ends or `signal` aborts. */
export function readStream(stream: Readable, onLine: LineHandler, options: ReadOptions): Promise<void> {
  const { signal } = options
  return new Promise((resolve, reject) => {
    const splitter = new LineSplitter((text, cut) => onLine(text, 'stdout', cut), options.maxLineBytes)
    const finish = (): void => {
      stream.off('data', onData)
      signal.removeEventListener('abort', stop)
      splitter.flush()
      resolve()
    }
    const onData = (chunk: Buffer | string): void => splitter.push(chunk)
    stream.on('data', onData)
    stream.once('end', finish)
    stream.once('close', finish)
    stream.once('error', (error) => reject(new TailSourceError(`cannot read input: ${error.message}`, { cause: error })))
    // stopped early (Ctrl-C): let go of the stream so the process can exit
    const stop = (): void => {
      finish()
      stream.destroy()
    }
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
  })
}

async function readFileOnce(path: string, onLine: LineHandler, options: ReadOptions): Promise<void> {
  const stream = createReadStream(path)
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', (error) =>
      reject(new TailSourceError(`cannot read ${path}: ${error.message}; check the path`, { cause: error })),
    )
  })
  await readStream(stream, onLine, options)
  stream.destroy()
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code
  const number = signal ? constants.signals[signal] : undefined
  return number === undefined ? 1 : 128 + number
}

/**
 * Runs the command with stdin inherited and both output streams read.
 * Aborting `signal` forwards SIGINT to the child; the result is its exit code.
 */
export function runCommand(
  source: Extract<TailSource, { type: 'command' }>,
  onLine: LineHandler,
  options: ReadOptions,
): Promise<number> {
  const { signal } = options
  return new Promise((resolve, reject) => {
    const child = spawn(source.command, source.args, {
      stdio: ['inherit', 'pipe', 'pipe'],
      env: source.env ?? process.env,
      cwd: source.cwd,
    })
    const out = new LineSplitter((text, cut) => onLine(text, 'stdout', cut), options.maxLineBytes)
    const err = new LineSplitter((text, cut) => onLine(text, 'stderr', cut), options.maxLineBytes)
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    const forward = (): void => {
      child.kill('SIGINT')
    }
    signal.addEventListener('abort', forward, { once: true })
    child.once('error', (error) => {
      signal.removeEventListener('abort', forward)
      reject(
        new TailSourceError(`cannot run ${source.command}: ${error.message}; check the command after -- (or, for a file, its path)`, {
          cause: error,
        }),
      )
    })
    child.once('close', (code, killSignal) => {
      signal.removeEventListener('abort', forward)
      out.flush()
      err.flush()
      resolve(exitCodeOf(code, killSignal))
    })
  })
}

/** Reads the source to its end (a followed file: until `signal` aborts); resolves to the exit code. */
export async function readSource(source: TailSource, onLine: LineHandler, options: ReadOptions): Promise<number> {
  switch (source.type) {
    case 'stream':
      await readStream(source.stream, onLine, options)
      return 0
    case 'file':
      if (source.follow) {
        const follow = source.pollMs === undefined ? options : { ...options, pollMs: source.pollMs }
        await followFile(source.path, (text, cut) => onLine(text, 'stdout', cut), follow)
      } else await readFileOnce(source.path, onLine, options)
      return 0
    case 'command':
      return runCommand(source, onLine, options)
  }
}
