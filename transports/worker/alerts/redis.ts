/**
 * Windows in Redis, shared by every process and machine that uses the same
 * Redis and prefix: one time-bucketed hash per rule and bucket (count, sum,
 * max and, for percentiles, histogram bins), expiring after the window. The
 * one-alert-per-window claim is `SET <prefix>alert:<rule> NX PX <window>`.
 */
import type { Redis } from 'ioredis'
import { requirePeer } from '../../../core/peer.js'
import { AlertStoreError } from './errors.js'
import { WINDOW_ADD_SCRIPT, WINDOW_ADD_SHA } from './redis-script.js'
import type { WindowBatch, WindowSpec, WindowStore } from './store.js'
import { bucketCountOf, bucketMsOf, bucketStartOf, emptyFigures, type WindowFigures } from './window.js'

export const DEFAULT_PREFIX = 'linecast:alerts:'

export interface RedisWindowStoreOptions {
  /** key prefix; default `linecast:alerts:`; processes share windows when they share it */
  prefix?: string
}

function parseFigures(reply: unknown): WindowFigures {
  if (!Array.isArray(reply) || reply.length < 3) throw new AlertStoreError(`unexpected reply from the window script: ${JSON.stringify(reply)}`)
  const [count, sum, max, ...bins] = reply.map(String)
  const figures = emptyFigures()
  figures.count = Number(count)
  figures.sum = Number(sum)
  figures.max = max === '' || max === undefined ? Number.NEGATIVE_INFINITY : Number(max)
  for (let i = 0; i + 1 < bins.length; i += 2) figures.bins.set(bins[i] as string, Number(bins[i + 1]))
  return figures
}

export class RedisWindowStore implements WindowStore {
  readonly shared = true
  private readonly prefix: string

  /** `owned`: the store quits the client on close (true when it made the client from a URL) */
  constructor(
    private readonly redis: Redis,
    options: RedisWindowStoreOptions = {},
    private readonly owned = false,
  ) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX
  }

  /** A store with its own client; commands fail fast while Redis is unreachable instead of queueing forever. */
  static fromUrl(url: string, options: RedisWindowStoreOptions = {}): RedisWindowStore {
    const { Redis: RedisClient } = requirePeer<typeof import('ioredis')>('ioredis', 'shared alert windows (REDIS_URL)')
    const redis = new RedisClient(url, { maxRetriesPerRequest: 1, lazyConnect: false, enableAutoPipelining: true })
    // connection errors surface on the commands; without a listener ioredis prints them
    redis.on('error', () => {})
    return new RedisWindowStore(redis, options, true)
  }

  async add(spec: WindowSpec, batch: WindowBatch, time: number): Promise<WindowFigures> {
    const size = bucketMsOf(spec.windowMs)
    const args: Array<string | number> = [
      bucketStartOf(time, spec.windowMs),
      size,
      bucketCountOf(spec.windowMs),
      spec.windowMs + size,
      batch.count,
      String(batch.sum),
      String(batch.max),
    ]
    for (const [bin, n] of batch.bins) args.push(bin, n)
    const key = `${this.prefix}${spec.rule}`
    let reply: unknown
    try {
      reply = await this.redis.evalsha(WINDOW_ADD_SHA, 1, key, ...args)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw new AlertStoreError(`could not update alert window "${spec.rule}" in Redis`, error)
      reply = await this.redis.eval(WINDOW_ADD_SCRIPT, 1, key, ...args)
    }
    return parseFigures(reply)
  }

  async claim(rule: string, ttlMs: number): Promise<boolean> {
    try {
      const answer = await this.redis.set(`${this.prefix}alert:${rule}`, String(Date.now()), 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')
      return answer === 'OK'
    } catch (error) {
      throw new AlertStoreError(`could not claim the alert of "${rule}" in Redis`, error)
    }
  }

  async close(): Promise<void> {
    if (!this.owned) return
    try {
      await this.redis.quit()
    } catch {
      this.redis.disconnect()
    }
  }
}
