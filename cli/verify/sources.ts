/**
 * Where `linecast verify` reads lines: files, stdin, or a Redis stream
 * (the relay's, or the one Python's events.py writes to), until the input
 * ends, the time window closes or the run is interrupted.
 */
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { requirePeer } from '../../core/peer.js'
import { readStream } from '../tail/reader.js'
import type { LinePlace } from './tally.js'
import { VerifySourceError } from './errors.js'

export type OnLine = (text: string, place: LinePlace) => void

/** `files`: each file's path and the name findings use for it (as the user wrote it). */
export async function readFiles(files: readonly { path: string; label: string }[], onLine: OnLine, signal: AbortSignal): Promise<void> {
  for (const { path, label: file } of files) {
    if (signal.aborted) return
    const stream = createReadStream(path)
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve())
      stream.once('error', (error) => reject(new VerifySourceError(`cannot read ${file}: ${error.message}; check the path`, error)))
    })
    await readNumbered(stream, file, onLine, signal)
    stream.destroy()
  }
}

export function readNumbered(stream: Readable, source: string, onLine: OnLine, signal: AbortSignal): Promise<void> {
  let line = 0
  return readStream(
    stream,
    (text) => {
      line += 1
      if (text.trim() !== '') onLine(text, { source, line })
    },
    { signal },
  )
}

export interface RedisSource {
  url: string
  stream: string
  /** the entry field holding the line; default `l` (what the stream's producers write) */
  field: string
  /** first entry id to read after; `0` reads the whole stream, `$` only new entries */
  start: string
}

/** Reads entries with XREAD (blocking 1 s at a time) until `signal` aborts, or, with `untilEnd`, until the stream has no more. */
export async function readRedis(source: RedisSource, onLine: OnLine, signal: AbortSignal, untilEnd: boolean): Promise<void> {
  const { Redis } = requirePeer<typeof import('ioredis')>('ioredis', 'linecast verify --from redis://')
  const client = new Redis(source.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    throw new VerifySourceError(`cannot reach ${source.url}: ${error instanceof Error ? error.message : String(error)}; check --from`, error)
  }
  let last = source.start
  const label = `redis:${source.stream}`
  try {
    while (!signal.aborted) {
      const reply = (
        untilEnd
          ? await client.xread('COUNT', 500, 'STREAMS', source.stream, last)
          : await client.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', source.stream, last)
      ) as [string, [string, string[]][]][] | null
      const entries = reply?.[0]?.[1] ?? []
      if (entries.length === 0 && untilEnd) return
      for (const [id, fields] of entries) {
        last = id
        const at = fields.indexOf(source.field)
        const text = at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined
        onLine(text ?? '', { source: label, id })
      }
    }
  } finally {
    client.disconnect()
  }
}
