import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyBeside } from '../../transports/stream/slot.js'
import { assertBuilt } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { auditTable, gate, producedIds, receivedLogIds, receivedOrderIds, startProducer, startRelay, streamWorld, waitUntil, type Gate } from './stream-fixtures.js'

const PER_PRODUCER = 2000
const PREFIXES = ['00000000-0000-4000-8100-', '00000000-0000-4000-8200-', '00000000-0000-4000-8300-']

/** eventIds seen more than once */
function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const id of ids) (seen.has(id) ? twice : seen).add(id)
  return [...twice]
}

describe('stream mode: three producers, two relays, one killed mid-run', () => {
  let otel: HttpReceiver
  let logs: HttpReceiver
  let redis: Redis
  beforeAll(async () => {
    assertBuilt()
    await requireService('redis')
    await requireService('postgres')
    otel = await startHttpReceiver()
    logs = await startHttpReceiver()
    redis = new Redis(REDIS_URL)
  })
  afterAll(async () => {
    await otel.close()
    await logs.close()
    redis.disconnect()
  })

  it('delivers every line once to every destination, and trims the stream and its records', async () => {
    otel.requests.length = 0
    logs.requests.length = 0
    const gates = [gate(otel), gate(logs)]
    const [otelGate, logsGate] = gates as [Gate, Gate]
    const world = streamWorld(otel.url, { logsUrl: logs.url })
    const audit = await auditTable(world)
    const auditRows = (): Promise<{ total: number; distinct: number }> => audit.rows()
    const otelIds = (): string[] => receivedOrderIds(otel, otelGate)
    const logIds = (): string[] => receivedLogIds(logs, logsGate)
    const progressKeys = ['otel', 'logs', 'audit'].flatMap((name) => [keyBeside(world.stream, `sent:${name}`), keyBeside(world.stream, `done:${name}`)])
    const pendingCount = async (): Promise<number> => ((await redis.xpending(world.stream, world.group)) as [number, ...unknown[]])[0]
    const total = PER_PRODUCER * PREFIXES.length
    try {
      const doomed = startRelay(world, 'relay-doomed')
      const survivor = startRelay(world, 'relay-survivor')
      const producers = PREFIXES.map((prefix) => startProducer(world, prefix, PER_PRODUCER, 250))
      await waitUntil('the first lines delivered', () => otelIds().length >= 300, 60_000, [doomed, survivor, ...producers])
      // The kill lands while the HTTP receivers refuse (503, retried): no send they took can be waiting for
      // its answer to be recorded (that window, `resent`, is what the README documents). Postgres takes
      // lines throughout, so the killed relay leaves entries that some destinations took and others did not.
      for (const g of gates) g.close()
      await new Promise((resolve) => setTimeout(resolve, 1000))
      doomed.process.kill('SIGKILL')
      await doomed.exited
      expect(producers.some((p) => p.process.exitCode === null), 'producers still writing when the relay is killed').toBe(true)
      for (const g of gates) g.open()
      const codes = await Promise.all(producers.map((p) => p.exited))
      expect(codes, producers.map((p) => p.output()).join('\n')).toEqual([0, 0, 0])

      const everywhere = async (): Promise<boolean> => new Set(otelIds()).size === total && new Set(logIds()).size === total && (await auditRows()).distinct === total
      await waitUntil('every line at both receivers and in audit_log', everywhere, 90_000, [survivor])
      // the killed relay's pending entries are claimed by the survivor after the claim window and acknowledged
      await waitUntil('nothing pending in the group', async () => (await pendingCount()) === 0, 60_000, [survivor])
      survivor.process.kill('SIGTERM')
      expect(await survivor.exited).toBe(0)

      const expected = new Set(producedIds(PREFIXES, PER_PRODUCER))
      expect(new Set(otelIds())).toEqual(expected)
      expect(new Set(logIds())).toEqual(expected)
      expect(repeated(otelIds())).toEqual([])
      expect(repeated(logIds())).toEqual([])
      expect(await auditRows()).toEqual({ total, distinct: total })
      // the survivor took over entries some destinations already had, and sent them only to the others
      const stopped = /(\d+) lines acknowledged, (\d+) not sent again to destinations that had them/.exec(survivor.output())
      expect(stopped, survivor.output().slice(-2000)).not.toBeNull()
      expect(Number(stopped![2])).toBeGreaterThan(0)
      expect(await redis.xlen(world.stream)).toBe(0)
      expect(await pendingCount()).toBe(0)
      expect(await redis.exists(...progressKeys)).toBe(0)
    } finally {
      await redis.del(world.stream, ...progressKeys)
      await audit.drop()
    }
  }, 180_000)
})
