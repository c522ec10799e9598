/**
 * `linecast tail -f FILE`: prints what the file holds, then keeps reading what
 * is appended, across rotation: when the path names a new file (rename + create,
 * seen as an inode change) the old file is read to its end and the new one is
 * opened from its start; when the file shrinks (copytruncate) reading restarts at 0.
 */
import { open, stat, type FileHandle } from 'node:fs/promises'
import { setTimeout as delay } from 'node:timers/promises'
import { TailSourceError } from './errors.js'
import { LineSplitter, type LineCallback } from './split.js'

export interface FollowOptions {
  signal: AbortSignal
  /** how often the file is checked for growth and rotation */
  pollMs?: number
  /** lines longer than this are cut (see split.ts) */
  maxLineBytes?: number
}

const CHUNK = 64 * 1024

interface Cursor {
  handle: FileHandle
  ino: number
  position: number
}

async function openCursor(path: string): Promise<Cursor> {
  const handle = await open(path, 'r')
  const info = await handle.stat()
  return { handle, ino: info.ino, position: 0 }
}

async function drain(cursor: Cursor, splitter: LineSplitter): Promise<void> {
  const buffer = Buffer.allocUnsafe(CHUNK)
  for (;;) {
    const { bytesRead } = await cursor.handle.read(buffer, 0, CHUNK, cursor.position)
    if (bytesRead === 0) return
    cursor.position += bytesRead
    splitter.push(buffer.subarray(0, bytesRead))
  }
}

async function currentInfo(path: string): Promise<{ ino: number; size: number } | undefined> {
  try {
    const info = await stat(path)
    return { ino: info.ino, size: info.size }
  } catch {
    // between a rename and the new file's creation the path does not exist: keep the old file
    return undefined
  }
}

async function wait(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal })
  } catch {
    // aborted: the caller's loop sees signal.aborted
  }
}

/** Resolves when `signal` aborts, after reading everything written until then. */
export async function followFile(path: string, onLine: LineCallback, options: FollowOptions): Promise<void> {
  const pollMs = options.pollMs ?? 100
  let cursor: Cursor
  try {
    cursor = await openCursor(path)
  } catch (error) {
    throw new TailSourceError(`cannot read ${path}: ${(error as Error).message}; check the path`, { cause: error })
  }
  const splitter = new LineSplitter(onLine, options.maxLineBytes)
  try {
    for (;;) {
      await drain(cursor, splitter)
      if (options.signal.aborted) break
      const info = await currentInfo(path)
      if (info && info.ino !== cursor.ino) {
        // rotated: what the writer added to the old file before letting go of it comes first
        await drain(cursor, splitter)
        splitter.flush()
        const next = await openCursor(path).catch(() => undefined)
        if (next) {
          await cursor.handle.close()
          cursor = next
          continue
        }
      } else if (info && info.size < cursor.position) {
        splitter.flush()
        cursor.position = 0
        continue
      }
      await wait(pollMs, options.signal)
    }
    splitter.flush()
  } finally {
    await cursor.handle.close()
  }
}
