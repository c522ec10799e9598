import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyBeside } from '../../transports/stream/slot.js'
import { assertBuilt } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { auditTable, gate, producedIds, receivedLogIds, receivedOrderIds, startProducer, startRelay, streamWorld, waitUntil } from './stream-fixtures.js'

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

  interface Run {
    /** eventIds at each HTTP receiver more than once */
    repeatedAtOtel: string[]
    repeatedAtLogs: string[]
    /** what the survivor said when it stopped */
    skipped: number
    resent: number
  }

  /**
   * Three producers, two relays; the doomed relay is SIGKILLed once the first lines are delivered. With
   * `gated`, the kill lands while both HTTP receivers refuse (503, retried by the sinks), so no send they
   * took can still be waiting for its answer to be recorded; Postgres takes lines throughout, so the
   * killed relay leaves entries that some destinations took and others did not.
   */
  async function killMidRun(gated: boolean): Promise<Run> {
    otel.requests.length = 0
    logs.requests.length = 0
    const [otelGate, logsGate] = [gate(otel), gate(logs)]
    const world = streamWorld(otel.url, { logsUrl: logs.url })
    const audit = await auditTable(world)
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
      if (gated) {
        otelGate.close()
        logsGate.close()
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
      doomed.process.kill('SIGKILL')
      await doomed.exited
      expect(producers.some((p) => p.process.exitCode === null), 'producers still writing when the relay is killed').toBe(true)
      otelGate.open()
      logsGate.open()
      const codes = await Promise.all(producers.map((p) => p.exited))
      expect(codes, producers.map((p) => p.output()).join('\n')).toEqual([0, 0, 0])

      const everywhere = async (): Promise<boolean> => new Set(otelIds()).size === total && new Set(logIds()).size === total && (await audit.rows()).distinct === total
      await waitUntil('every line at both receivers and in audit_log', everywhere, 90_000, [survivor])
      // the killed relay's pending entries are claimed by the survivor after the claim window and acknowledged
      await waitUntil('nothing pending in the group', async () => (await pendingCount()) === 0, 60_000, [survivor])
      survivor.process.kill('SIGTERM')
      expect(await survivor.exited).toBe(0)

      const expected = new Set(producedIds(PREFIXES, PER_PRODUCER))
      expect(new Set(otelIds())).toEqual(expected)
      expect(new Set(logIds())).toEqual(expected)
      expect(await audit.rows()).toEqual({ total, distinct: total })
      expect(await redis.xlen(world.stream)).toBe(0)
      expect(await pendingCount()).toBe(0)
      expect(await redis.exists(...progressKeys)).toBe(0)
      const stopped = /(\d+) lines acknowledged, (\d+) not sent again to destinations that had them, (\d+) sent again/.exec(survivor.output())
      expect(stopped, survivor.output().slice(-2000)).not.toBeNull()
      return { repeatedAtOtel: repeated(otelIds()), repeatedAtLogs: repeated(logIds()), skipped: Number(stopped![2]), resent: Number(stopped![3]) }
    } finally {
      await redis.del(world.stream, ...progressKeys)
      await audit.drop()
    }
  }

  it('delivers every line, none twice at either receiver nor in audit_log, and trims the stream and its records', async () => {
    const run = await killMidRun(true)
    expect(run.repeatedAtOtel).toEqual([])
    expect(run.repeatedAtLogs).toEqual([])
    // the survivor took over entries some destinations already had, and sent them only to the others
    expect(run.skipped).toBeGreaterThan(0)
  }, 180_000)

  it('killed at any moment: whatever a receiver got twice is within what the survivor counted as resent', async () => {
    const run = await killMidRun(false)
    // the kill follows a delivery the test just saw, so it often lands inside the window: a send taken, its answer not yet read
    expect(run.repeatedAtOtel.length + run.repeatedAtLogs.length).toBeLessThanOrEqual(run.resent)
  }, 180_000)
})
