import { Cluster } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyBeside, slotProblem } from '../../transports/stream/slot.js'
import { assertBuilt } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { requireService } from '../support/services.js'
import { ownedCluster, type OwnedCluster } from './redis-cluster.js'
import { auditTable, producedIds, receivedLogIds, receivedOrderIds, startProducer, startRelay, streamWorld, waitUntil } from './stream-fixtures.js'

const PER_PRODUCER = 1000
const PREFIXES = ['00000000-0000-4000-8600-', '00000000-0000-4000-8700-']

describe('stream mode on a three-node Redis Cluster', () => {
  let otel: HttpReceiver
  let logs: HttpReceiver
  let cluster: OwnedCluster
  let client: Cluster
  beforeAll(async () => {
    assertBuilt()
    await requireService('postgres')
    otel = await startHttpReceiver()
    logs = await startHttpReceiver()
    cluster = await ownedCluster()
    client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })))
  }, 60_000)
  afterAll(async () => {
    client?.disconnect()
    await cluster?.stop()
    await otel?.close()
    await logs?.close()
  })

  it('keeps every progress key in its stream\'s hash slot', async () => {
    for (const stream of ['linecast:lines', 'linecast:{bmn}:lines', '{a}b', 'x{y}{z}']) {
      expect(slotProblem(stream)).toBeUndefined()
      const slot = await client.cluster('KEYSLOT', stream)
      for (const suffix of ['sent:otel', 'done:audit_log']) expect(await client.cluster('KEYSLOT', keyBeside(stream, suffix)), `${stream} ${suffix}`).toBe(slot)
    }
    // braces without a tag cannot lend their slot: refused when stream mode starts on a cluster
    expect(slotProblem('x{}y{z}')).toMatch(/hash tag/)
  })

  // a stream name without a hash tag: the relay's progress keys must still land in the stream's slot
  it('delivers every line once through the cluster client, and trims the stream and its records', async () => {
    const id = Math.random().toString(16).slice(2, 10)
    const world = streamWorld(otel.url, { logsUrl: logs.url, redisUrl: cluster.url, cluster: true, stream: `lc-cluster:${id}:lines` })
    const audit = await auditTable(world)
    const total = PER_PRODUCER * PREFIXES.length
    const auditDistinct = async (): Promise<number> => (await audit.rows()).distinct
    const progressKeys = ['otel', 'logs', 'audit'].flatMap((name) => [keyBeside(world.stream, `sent:${name}`), keyBeside(world.stream, `done:${name}`)])
    const relay = startRelay(world, 'relay-cluster', ['--stats-interval', '500'])
    try {
      const producers = PREFIXES.map((prefix) => startProducer(world, prefix, PER_PRODUCER))
      const codes = await Promise.all(producers.map((p) => p.exited))
      expect(codes, producers.map((p) => p.output()).join('\n')).toEqual([0, 0])
      const everywhere = async (): Promise<boolean> => new Set(receivedOrderIds(otel)).size === total && new Set(receivedLogIds(logs)).size === total && (await auditDistinct()) === total
      await waitUntil('every line at both receivers and in audit_log', everywhere, 90_000, [relay, ...producers])
      await waitUntil('the stream trimmed', async () => (await client.xlen(world.stream)) === 0, 30_000, [relay])
      relay.process.kill('SIGTERM')
      expect(await relay.exited, relay.output().slice(-3000)).toBe(0)

      const expected = producedIds(PREFIXES, PER_PRODUCER)
      expect([...receivedOrderIds(otel)].sort()).toEqual([...expected].sort())
      expect([...receivedLogIds(logs)].sort()).toEqual([...expected].sort())
      expect(await auditDistinct()).toBe(total)
      expect(relay.output()).not.toMatch(/CROSSSLOT|a batch of the stream failed/)
      expect(((await client.xpending(world.stream, world.group)) as [number])[0]).toBe(0)
      for (const key of progressKeys) expect(await client.exists(key)).toBe(0)
    } finally {
      relay.process.kill('SIGKILL')
      await audit.drop()
    }
  }, 180_000)
})
