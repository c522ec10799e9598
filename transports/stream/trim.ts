/**
 * Trimming the stream without losing a line: entries below the oldest entry
 * still pending in the group (XTRIM MINID), or, with nothing pending, below
 * the entry after the group's last delivered one. A stream read by one
 * consumer group; another group on the same stream would lose what it has not read.
 */
import type { Progress } from './progress.js'
import type { StreamRedis } from './settings.js'

/** `ms-seq` + 1 */
function nextId(id: string): string {
  const [ms, seq] = id.split('-')
  return `${ms}-${BigInt(seq ?? '0') + 1n}`
}

/** The id below which every entry is acknowledged by the group; undefined when the group has read nothing. */
export async function acknowledgedBelow(redis: StreamRedis, stream: string, group: string): Promise<string | undefined> {
  const summary = (await redis.xpending(stream, group)) as [number, string | null, string | null, unknown]
  if (summary[0] > 0 && summary[1] !== null) return summary[1]
  const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][]
  for (const fields of groups) {
    const info: Record<string, unknown> = {}
    for (let i = 0; i + 1 < fields.length; i += 2) info[String(fields[i])] = fields[i + 1]
    if (info.name === group && typeof info['last-delivered-id'] === 'string' && info['last-delivered-id'] !== '0-0') return nextId(info['last-delivered-id'])
  }
  return undefined
}

/** Removes acknowledged entries, and their progress records with them; returns how many entries went. */
export async function trimAcknowledged(redis: StreamRedis, progress: Progress): Promise<number> {
  const below = await acknowledgedBelow(redis, progress.stream, progress.group)
  if (below === undefined) return 0
  const removed = Number(await redis.xtrim(progress.stream, 'MINID', below))
  await progress.trimBelow(below)
  return removed
}
