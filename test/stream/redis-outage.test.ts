import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { assertBuilt } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { requireService } from '../support/services.js'
import { ownedRedis, type OwnedRedis } from './redis-server.js'
import { auditTable, producedIds, receivedOrderIds, startProducer, startRelay, streamWorld, waitUntil } from './stream-fixtures.js'

const PER_PRODUCER = 2000
const PREFIXES = ['00000000-0000-4000-8400-', '00000000-0000-4000-8500-']

function spooledSegments(dir: string): number {
  return PREFIXES.reduce((n, prefix) => {
    const spool = join(dir, `.linecast/spool-${prefix}`, '_stream')
    return n + (existsSync(spool) ? readdirSync(spool).length : 0)
  }, 0)
}

describe('stream mode: Redis stopped mid-run', () => {
  let receiver: HttpReceiver
  let redis: OwnedRedis
  beforeAll(async () => {
    assertBuilt()
    await requireService('postgres')
    receiver = await startHttpReceiver()
    redis = await ownedRedis()
    await redis.start()
  })
  afterAll(async () => {
    await receiver.close()
    await redis.kill()
  })

  it('producers spool while Redis is down, then catch up: nothing lost', async () => {
    const world = streamWorld(receiver.url, { redisUrl: redis.url })
    const audit = await auditTable(world)
    const client = new Redis(redis.url, { enableOfflineQueue: false, retryStrategy: () => 100 })
    client.on('error', () => undefined)
    const relay = startRelay(world, 'relay-outage')
    const producers = PREFIXES.map((prefix) => startProducer(world, prefix, PER_PRODUCER, 60))
    const children = [relay, ...producers]
    try {
      await waitUntil('lines in the stream', async () => (await client.xlen(world.stream).catch(() => 0)) >= 200, 60_000, children)
      await redis.kill()
      await waitUntil('producers spooling', () => spooledSegments(world.dir) > 0, 30_000, children)
      await redis.start()
      const codes = await Promise.all(producers.map((p) => p.exited))
      expect(codes, producers.map((p) => p.output()).join('\n')).toEqual([0, 0])
      const expected = producedIds(PREFIXES, PER_PRODUCER)
      await waitUntil('every line at the receiver', () => new Set(receivedOrderIds(receiver)).size === expected.length, 90_000, children)
      expect(new Set(receivedOrderIds(receiver))).toEqual(new Set(expected))
      relay.process.kill('SIGTERM')
      expect(await relay.exited).toBe(0)
    } finally {
      client.disconnect()
      relay.process.kill('SIGKILL')
      await audit.drop()
    }
  }, 240_000)
})
