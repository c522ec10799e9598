/**
 * Per-destination progress of the entries pending in the group, kept in Redis
 * beside the stream, so that a relay claiming the entries of a relay that died
 * sends each line only to the destinations that have not taken it yet.
 *
 * Two sorted sets per destination; members are entry ids, scores the
 * entries' milliseconds:
 * - `sent`: a send holding the entry went out (written before the send);
 * - `done`: the destination answered that it took the entry (written as soon
 *   as the answer is read, before anything else runs).
 * An entry in `sent` and not in `done` when it is claimed may have reached the
 * destination (it answered, and the relay died before `done` was written):
 * it is sent again, and counted as `resent`.
 * Records leave with the entry's XACK (one MULTI) and with trimming. Every key
 * shares the stream's hash slot, so the MULTI works on Redis Cluster too.
 */
import type { StreamRedis } from './settings.js'
import { keyBeside } from './slot.js'

export interface EntryProgress {
  /** destinations that took the entry */
  done: Set<string>
  /** destinations a send of the entry went out to, answered or not */
  sent: Set<string>
}

const ms = (id: string): number => Number(id.split('-')[0])

function members(ids: readonly string[]): (string | number)[] {
  const out: (string | number)[] = []
  for (const id of ids) out.push(ms(id), id)
  return out
}

export class Progress {
  private readonly keys = new Map<string, { sent: string; done: string }>()
  /** `done` records Redis did not take (unreachable): their entries may be sent again if claimed */
  unrecorded = 0

  constructor(
    private readonly redis: StreamRedis,
    readonly stream: string,
    readonly group: string,
    destinations: readonly string[],
  ) {
    for (const name of destinations) this.keys.set(name, { sent: keyBeside(stream, `sent:${name}`), done: keyBeside(stream, `done:${name}`) })
  }

  /** Before a send to `destination`: its entries may reach it from now on. */
  async sending(destination: string, ids: readonly string[]): Promise<void> {
    const key = this.keys.get(destination)?.sent
    if (key === undefined || ids.length === 0) return
    await this.redis.zadd(key, ...members(ids)).catch(() => undefined)
  }

  /** `destination` took these entries. The command is written at once, not awaited. */
  delivered(destination: string, ids: readonly string[]): void {
    const key = this.keys.get(destination)?.done
    if (key === undefined || ids.length === 0) return
    this.redis.zadd(key, ...members(ids)).catch(() => void (this.unrecorded += ids.length))
  }

  /** What each entry's destinations took or were sent, for entries claimed from another relay. */
  async lookup(ids: readonly string[]): Promise<Map<string, EntryProgress>> {
    const out = new Map<string, EntryProgress>(ids.map((id) => [id, { done: new Set<string>(), sent: new Set<string>() }]))
    if (ids.length === 0 || this.keys.size === 0) return out
    const pipeline = this.redis.pipeline()
    const asked: [destination: string, field: keyof EntryProgress][] = []
    for (const [name, key] of this.keys) {
      pipeline.zmscore(key.done, ...ids)
      pipeline.zmscore(key.sent, ...ids)
      asked.push([name, 'done'], [name, 'sent'])
    }
    const results = (await pipeline.exec()) ?? []
    results.forEach(([error, scores], k) => {
      if (error !== null) throw error
      const [name, field] = asked[k] as [string, keyof EntryProgress]
      ;(scores as (string | null)[]).forEach((score, i) => {
        if (score !== null) out.get(ids[i] as string)?.[field].add(name)
      })
    })
    return out
  }

  /** XACK the entries and drop their records, at once. */
  async ack(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    const multi = this.redis.multi().xack(this.stream, this.group, ...ids)
    for (const key of this.keys.values()) multi.zrem(key.sent, ...ids).zrem(key.done, ...ids)
    const results = await multi.exec()
    const failed = results?.find(([error]) => error !== null)
    if (results === null || failed !== undefined) throw failed?.[0] ?? new Error('XACK transaction was discarded')
  }

  /** Drops the records of entries below `id` (trimmed from the stream). */
  async trimBelow(id: string): Promise<void> {
    if (this.keys.size === 0) return
    const pipeline = this.redis.pipeline()
    for (const key of this.keys.values()) pipeline.zremrangebyscore(key.sent, '-inf', `(${ms(id)}`).zremrangebyscore(key.done, '-inf', `(${ms(id)}`)
    await pipeline.exec()
  }
}
