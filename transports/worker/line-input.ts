/**
 * The worker's input: the text the main thread writes (thread-stream hands
 * it over already decoded, in pieces that may end mid-line) cut into lines,
 * each given to `accept` as it is, without its newline. The text is taken as
 * a string and cut with indexOf: no re-encoding to bytes and decoding again
 * (as a Transform with a line splitter would), no copy per line but the
 * line itself.
 *
 * Every `every` lines the input waits on `pause()` before it reads on: a
 * turn of the event loop for the sends' I/O and timers, or longer while the
 * destinations ask for room; meanwhile the main thread keeps what it writes.
 * When the input ends, or the stream is destroyed, `close()` runs once
 * before the stream says it is closed.
 *
 * With `copy`, the text read is also given to `copy`, one piece per stretch
 * of lines (newlines kept): at the end of each piece of input, before each
 * pause, and before a line for which `private` says true, which is left out.
 */
import { StringDecoder } from 'node:string_decoder'
import { Writable } from 'node:stream'

export interface LineInputOptions {
  accept(line: string): void
  copy?: (text: string) => void
  private?: (line: string) => boolean
  pause(): Promise<void>
  every: number
  close(): Promise<void>
}

export function lineInput(options: LineInputOptions): Writable {
  const decoder = new StringDecoder('utf8')
  let rest = ''
  let sincePause = 0

  const one = (line: string): void => {
    const end = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length
    options.accept(end === line.length ? line : line.slice(0, end))
  }

  const { copy } = options
  /** Lines of `text` from `from` on; a promise when it had to pause before the end. */
  const read = (text: string, from: number): Promise<void> | undefined => {
    let start = from
    let copied = from
    const copyUpTo = (end: number): void => {
      if (copy !== undefined && end > copied) copy(text.slice(copied, end))
    }
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl)
      if (copy !== undefined && options.private?.(line) === true) {
        copyUpTo(start)
        copied = nl + 1
      }
      one(line)
      start = nl + 1
      if (++sincePause >= options.every) {
        sincePause = 0
        copyUpTo(start)
        return options.pause().then(() => read(text, start))
      }
    }
    copyUpTo(start)
    rest = start < text.length ? text.slice(start) : ''
    return undefined
  }

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => (closing ??= options.close())

  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const piece = typeof chunk === 'string' ? chunk : decoder.write(chunk)
      const text = rest.length === 0 ? piece : rest + piece
      rest = ''
      let waiting: Promise<void> | undefined
      try {
        waiting = read(text, 0)
      } catch (error) {
        return done(error as Error)
      }
      if (waiting === undefined) return done()
      waiting.then(
        () => done(),
        (error: unknown) => done(error as Error),
      )
    },
    final(done) {
      const last = rest + decoder.end()
      rest = ''
      try {
        if (last.length > 0) {
          if (copy !== undefined && options.private?.(last) !== true) copy(`${last}\n`)
          one(last)
        }
      } catch (error) {
        return done(error as Error)
      }
      done()
    },
    destroy(error, done) {
      close().then(
        () => done(error),
        (closeError: unknown) => done((error ?? closeError) as Error | null),
      )
    },
  })
}
