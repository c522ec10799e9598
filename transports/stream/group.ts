/**
 * The relays' consumer group on the stream: created once (from the start of
 * the stream, so lines appended before the first relay are delivered), new
 * entries read with XREADGROUP, entries a dead relay left pending claimed
 * with XAUTOCLAIM after they sat idle, and the entries a live relay still
 * delivers kept from being claimed. Acknowledging is progress.ts's (XACK with
 * the progress records, in one MULTI).
 */
import type { StreamRedis } from './settings.js'
import { LINE_FIELD } from './writer.js'

export interface StreamEntry {
  id: string
  /** the line's text; undefined for an entry trimmed or deleted before it was claimed */
  raw: string | undefined
}

/**
 * Resets the idle time of the entries still pending on this consumer (XCLAIM
 * JUSTID, which leaves the delivery count as it is) and leaves alone those
 * another relay has claimed since. Returns how many were kept.
 */
const KEEP_SCRIPT = `local kept = 0
for i = 3, #ARGV do
  local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if p[1] and p[1][2] == ARGV[2] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    kept = kept + 1
  end
end
return kept`

type RawEntry = [id: string, fields: string[] | null] | null

function toEntries(list: readonly RawEntry[]): StreamEntry[] {
  const out: StreamEntry[] = []
  for (const item of list) {
    if (item === null) continue
    const [id, fields] = item
    let raw: string | undefined
    if (fields !== null) for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === LINE_FIELD) raw = fields[i + 1]
    out.push({ id, raw })
  }
  return out
}

export class ConsumerGroup {
  private claimCursor = '0-0'

  constructor(
    /** a connection of its own: XREADGROUP BLOCK holds it */
    private readonly reader: StreamRedis,
    private readonly redis: StreamRedis,
    readonly stream: string,
    readonly group: string,
    readonly consumer: string,
  ) {}

  async ensure(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM')
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error
    }
  }

  /** up to `count` entries no relay has read yet; waits up to `blockMs` for the first */
  async read(count: number, blockMs: number): Promise<StreamEntry[]> {
    const reply = (await this.reader.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.stream, '>')) as
      | [string, RawEntry[]][]
      | null
    return reply === null ? [] : toEntries(reply[0]?.[1] ?? [])
  }

  /** up to `count` entries pending on any consumer for at least `minIdleMs`, now this consumer's */
  async claim(minIdleMs: number, count: number): Promise<StreamEntry[]> {
    const reply = (await this.redis.xautoclaim(this.stream, this.group, this.consumer, minIdleMs, this.claimCursor, 'COUNT', count)) as [string, RawEntry[], string[]?]
    this.claimCursor = reply[0]
    const entries = toEntries(reply[1])
    // entries deleted from the stream while pending: nothing left to deliver, acknowledged below by the caller
    for (const id of reply[2] ?? []) entries.push({ id, raw: undefined })
    return entries
  }

  /** Keeps entries this relay is still delivering from being claimed by another (see KEEP_SCRIPT). */
  async keep(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0
    return Number(await this.redis.eval(KEEP_SCRIPT, 1, this.stream, this.group, this.consumer, ...ids))
  }
}
