import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase } from '../../transports/sinks/audit-log/index.js'
import { assertBuilt } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { DATABASE_URL, REDIS_URL, requireService } from '../support/services.js'
import { producedIds, receivedOrderIds, startProducer, startRelay, streamWorld, waitUntil } from './stream-fixtures.js'

const PER_PRODUCER = 1500
const PREFIXES = ['00000000-0000-4000-8100-', '00000000-0000-4000-8200-', '00000000-0000-4000-8300-']

describe('stream mode: three producers, two relays, one killed mid-run', () => {
  let receiver: HttpReceiver
  let redis: Redis
  let db: pg.Client
  beforeAll(async () => {
    assertBuilt()
    await requireService('redis')
    await requireService('postgres')
    receiver = await startHttpReceiver()
    redis = new Redis(REDIS_URL)
    db = new pg.Client({ connectionString: DATABASE_URL })
    await db.connect()
  })
  afterAll(async () => {
    await receiver.close()
    redis.disconnect()
    await db.end()
  })

  it('delivers every line, none twice in audit_log, and trims the stream', async () => {
    const world = streamWorld(receiver.url)
    await migrateDatabase({ databaseUrl: DATABASE_URL }, { table: world.table })
    const orders = (): string[] => receivedOrderIds(receiver)
    const auditRows = async (): Promise<{ total: number; distinct: number }> => {
      const { rows } = await db.query<{ total: string; distinct: string }>(`select count(*) as total, count(distinct id) as distinct from ${world.table}`)
      return { total: Number(rows[0]!.total), distinct: Number(rows[0]!.distinct) }
    }
    const total = PER_PRODUCER * PREFIXES.length
    try {
      const doomed = startRelay(world, 'relay-doomed')
      const survivor = startRelay(world, 'relay-survivor')
      const producers = PREFIXES.map((prefix) => startProducer(world, prefix, PER_PRODUCER))
      await waitUntil('the first lines delivered', () => orders().length >= 300, 60_000, [doomed, survivor, ...producers])
      doomed.process.kill('SIGKILL')
      await doomed.exited
      const codes = await Promise.all(producers.map((p) => p.exited))
      expect(codes, producers.map((p) => p.output()).join('\n')).toEqual([0, 0, 0])

      await waitUntil('every line at the receiver and in audit_log', async () => new Set(orders()).size === total && (await auditRows()).distinct === total, 90_000, [survivor])
      // the killed relay's unacknowledged entries are claimed by the survivor after the claim window, sent again and acknowledged
      const pendingCount = async (): Promise<number> => ((await redis.xpending(world.stream, world.group)) as [number, ...unknown[]])[0]
      await waitUntil('nothing pending in the group', async () => (await pendingCount()) === 0, 60_000, [survivor])
      survivor.process.kill('SIGTERM')
      expect(await survivor.exited).toBe(0)

      const expected = producedIds(PREFIXES, PER_PRODUCER)
      const received = orders()
      expect(new Set(received)).toEqual(new Set(expected))
      expect(await auditRows()).toEqual({ total, distinct: total })
      // a line delivered twice went out again after the killed relay's claim window: at most what it held unacknowledged
      const duplicates = received.length - new Set(received).size
      expect(duplicates).toBeLessThanOrEqual(4 * 500)
      expect(await redis.xlen(world.stream)).toBe(0)
      expect(await pendingCount()).toBe(0)
    } finally {
      await redis.del(world.stream)
      await db.query(`drop table if exists ${world.table}`)
    }
  }, 180_000)
})
