/** The lines `linecast ship` reads: stdin, a file read once, or a file followed across rotation. */
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { followFile } from '../tail/follow.js'
import { LineSplitter } from '../tail/split.js'

export type ShipSource = { type: 'stream'; stream: Readable } | { type: 'file'; path: string; follow: boolean; pollMs?: number }

/** Calls `onLine` for every non-empty line; resolves at the end of the input, or once `signal` aborts. */
export async function readLines(source: ShipSource, onLine: (text: string) => void, signal: AbortSignal): Promise<void> {
  const each = (text: string): void => {
    if (text.trim() !== '') onLine(text)
  }
  if (source.type === 'file' && source.follow) {
    return followFile(source.path, each, { signal, ...(source.pollMs === undefined ? {} : { pollMs: source.pollMs }) })
  }
  const stream = source.type === 'stream' ? source.stream : createReadStream(source.path)
  const splitter = new LineSplitter(each)
  const stop = (): void => void stream.destroy()
  signal.addEventListener('abort', stop, { once: true })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) splitter.push(chunk)
  } catch (error) {
    if (!signal.aborted) throw error
  } finally {
    signal.removeEventListener('abort', stop)
  }
  splitter.flush()
}
