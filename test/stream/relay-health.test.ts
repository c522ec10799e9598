import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LINE_FIELD } from '../../transports/stream/writer.js'
import { assertBuilt } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { requireService } from '../support/services.js'
import { freePort, ownedRedis, type OwnedRedis } from './redis-server.js'
import { auditTable, receivedOrderIds, startRelay, streamWorld, waitUntil, type Child } from './stream-fixtures.js'

const CLAIM_IDLE_MS = 20_000
const AGE_MS = 60_000

async function get(port: number, path: string): Promise<{ status: number; text: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`)
    return { status: res.status, text: await res.text() }
  } catch (error) {
    return { status: 0, text: String(error) }
  }
}

/** `linecast_relay_<name>{…} <value>` of a /metrics answer */
function metric(text: string, name: string): number {
  const match = new RegExp(`^linecast_relay_${name}\\{.*\\} (\\S+)$`, 'm').exec(text)
  if (match === null) throw new Error(`no linecast_relay_${name} in\n${text}`)
  return Number(match[1])
}

function statsLines(relay: Child): Record<string, unknown>[] {
  return relay
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"linecast.relay_stats"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

const order = (n: number): string =>
  JSON.stringify({ level: 'info', time: new Date().toISOString(), service: 'stream-test', eventId: `00000000-0000-4000-8900-${String(n).padStart(12, '0')}`, event: 'order_placed', kind: 'audit', orderId: `o-${n}`, n, msg: `order ${n}` })

describe('linecast relay: /metrics, /ready, linecast.relay_stats', () => {
  let receiver: HttpReceiver
  let redis: OwnedRedis
  let client: Redis
  beforeAll(async () => {
    assertBuilt()
    await requireService('postgres')
    receiver = await startHttpReceiver()
    redis = await ownedRedis()
    await redis.start()
    client = new Redis(redis.url, { retryStrategy: () => 100, maxRetriesPerRequest: 1 })
    client.on('error', () => undefined)
  })
  afterAll(async () => {
    client.disconnect()
    await receiver.close()
    await redis.kill()
  })

  it('reports the stream as it is, and is not ready while Redis is down', async () => {
    const world = streamWorld(receiver.url, { redisUrl: redis.url })
    const audit = await auditTable(world)
    // a known state: three entries appended a minute ago, read by a consumer that never acknowledges them
    await client.xgroup('CREATE', world.stream, world.group, '0', 'MKSTREAM')
    const past = Date.now() - AGE_MS
    for (let i = 0; i < 3; i++) await client.xadd(world.stream, `${past}-${i}`, LINE_FIELD, order(1000 + i))
    await client.xreadgroup('GROUP', world.group, 'gone', 'COUNT', 3, 'STREAMS', world.stream, '>')
    const port = await freePort()
    const relay = startRelay(world, 'relay-health', ['--health', String(port), '--claim-idle', String(CLAIM_IDLE_MS), '--stats-interval', '300'])
    try {
      await waitUntil('/ready', async () => (await get(port, '/ready')).status === 200, 30_000, [relay])
      expect((await get(port, '/live')).status).toBe(200)
      const first = await get(port, '/metrics')
      expect(first.status).toBe(200)
      expect(metric(first.text, 'stream_length')).toBe(3)
      expect(metric(first.text, 'pending')).toBe(3)
      expect(metric(first.text, 'oldest_pending_age_seconds')).toBeGreaterThanOrEqual(AGE_MS / 1000)
      expect(metric(first.text, 'oldest_pending_age_seconds')).toBeLessThan(AGE_MS / 1000 + 30)
      expect(metric(first.text, 'acknowledged_total')).toBe(0)
      expect(first.text).toContain(`consumer="relay-health"`)

      // two fresh lines: delivered and acknowledged; the old pending entries stay as they were
      await client.xadd(world.stream, '*', LINE_FIELD, order(1))
      await client.xadd(world.stream, '*', LINE_FIELD, order(2))
      await waitUntil('the two lines delivered', () => receivedOrderIds(receiver).length === 2, 30_000, [relay])
      await waitUntil('two acknowledged', async () => metric((await get(port, '/metrics')).text, 'acknowledged_total') === 2, 10_000, [relay])
      const second = (await get(port, '/metrics')).text
      expect(metric(second, 'pending')).toBe(3)
      // trimming stops at the oldest pending entry: nothing after it goes
      expect(metric(second, 'stream_length')).toBe(5)
      expect(metric(second, 'resent_total')).toBe(0)

      await waitUntil('a relay_stats line after the acknowledgement', () => statsLines(relay).some((l) => l.acknowledged === 2), 10_000, [relay])
      const stats = statsLines(relay).find((l) => l.acknowledged === 2) as Record<string, unknown>
      expect(stats).toMatchObject({
        event: 'linecast.relay_stats',
        kind: 'metric',
        service: 'stream-test',
        consumer: 'relay-health',
        stream: world.stream,
        group: world.group,
        streamLength: 5,
        pending: 3,
        acknowledged: 2,
        skipped: 0,
        resent: 0,
        unrecorded: 0,
        // the oldest pending entry is older than twice the claim window
        level: 'warn',
      })
      expect(stats.oldestPendingAgeMs).toBeGreaterThanOrEqual(AGE_MS)
      expect(typeof stats.eventId).toBe('string')
      expect(String(stats.msg)).toMatch(/5 entries, 3 pending, oldest pending \d+ s/)

      // Redis down: not ready, metrics cannot be read; back: ready again, and delivery goes on
      await redis.kill()
      await waitUntil('/ready failing', async () => (await get(port, '/ready')).status === 503, 15_000, [relay])
      expect((await get(port, '/metrics')).status).toBe(503)
      expect((await get(port, '/live')).status).toBe(200)
      await redis.start()
      await waitUntil('/ready again', async () => (await get(port, '/ready')).status === 200, 30_000, [relay])
      await client.xadd(world.stream, '*', LINE_FIELD, order(3))
      await waitUntil('the line after the outage delivered', () => receivedOrderIds(receiver).length === 3, 30_000, [relay])
      expect(metric((await get(port, '/metrics')).text, 'pending')).toBe(3)

      relay.process.kill('SIGTERM')
      expect(await relay.exited, relay.output().slice(-3000)).toBe(0)
      expect(relay.output()).toMatch(/stopped; 3 lines acknowledged/)
    } finally {
      relay.process.kill('SIGKILL')
      await audit.drop()
    }
  }, 120_000)
})
