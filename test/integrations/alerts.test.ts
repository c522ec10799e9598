import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { binOf } from '../../transports/worker/alerts/histogram.js'
import { RedisWindowStore } from '../../transports/worker/alerts/redis.js'
import type { WindowBatch, WindowSpec } from '../../transports/worker/alerts/store.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { waitUntil } from './wait.js'

const child = fileURLToPath(new URL('./alerts-child.mjs', import.meta.url))
const builtEvaluator = fileURLToPath(new URL('../../dist/transports/worker/alerts/index.js', import.meta.url))

function batch(values: number[], histogram = false): WindowBatch {
  const bins = new Map<string, number>()
  if (histogram) for (const v of values) bins.set(binOf(v), (bins.get(binOf(v)) ?? 0) + 1)
  return { count: values.length, sum: values.reduce((a, b) => a + b, 0), max: Math.max(...values), bins }
}

let redis: Redis
const prefixes: string[] = []

function uniquePrefix(): string {
  const prefix = `linecast-test:${process.pid}:${Date.now()}:${prefixes.length}:`
  prefixes.push(prefix)
  return prefix
}

async function keysOf(prefix: string): Promise<string[]> {
  return redis.keys(`${prefix}*`)
}

beforeAll(async () => {
  await requireService('redis')
  redis = new Redis(REDIS_URL)
})

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await keysOf(prefix)
    if (keys.length > 0) await redis.del(...keys)
  }
  await redis?.quit()
})

describe('Redis window store', () => {
  const T = 1_700_000_000_000
  const spec: WindowSpec = { rule: 'r', windowMs: 60_000, histogram: false }

  it('adds batches and returns the window totals', async () => {
    const store = new RedisWindowStore(redis, { prefix: uniquePrefix() })
    expect(await store.add(spec, batch([1.5, 2.25]), T)).toMatchObject({ count: 2, sum: 3.75, max: 2.25 })
    const figures = await store.add(spec, batch([0.1, 0.2]), T + 5_000)
    expect(figures.count).toBe(4)
    expect(figures.sum).toBeCloseTo(4.05, 10)
    expect(figures.max).toBe(2.25)
  })

  it('rolls: buckets older than the window stop counting', async () => {
    const store = new RedisWindowStore(redis, { prefix: uniquePrefix() })
    await store.add(spec, batch([10]), T)
    await store.add(spec, batch([20]), T + 30_000)
    expect(await store.add(spec, batch([5]), T + 61_000)).toMatchObject({ count: 2, sum: 25, max: 20 })
  })

  it('merges histograms across buckets', async () => {
    const store = new RedisWindowStore(redis, { prefix: uniquePrefix() })
    const hist: WindowSpec = { ...spec, histogram: true }
    await store.add(hist, batch([100, 100, 0], true), T)
    const figures = await store.add(hist, batch([100, 900], true), T + 2_000)
    expect(figures.count).toBe(5)
    expect(figures.bins.get(binOf(100))).toBe(3)
    expect(figures.bins.get(binOf(900))).toBe(1)
    expect(figures.bins.get(binOf(0))).toBe(1)
  })

  it('keeps one small hash per bucket that expires after the window', async () => {
    const prefix = uniquePrefix()
    const store = new RedisWindowStore(redis, { prefix })
    await store.add(spec, batch([1]), T)
    await store.add(spec, batch([1]), T + 10)
    await store.add(spec, batch([1]), T + 3_000)
    const keys = (await keysOf(prefix)).sort()
    expect(keys).toEqual([`${prefix}r:${T}`, `${prefix}r:${T + 3_000}`])
    const ttl = await redis.pttl(keys[0] as string)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(61_000)
  })

  it('grants the claim of a rule once per window length, to one store of many', async () => {
    const prefix = uniquePrefix()
    const store = new RedisWindowStore(redis, { prefix })
    const other = new RedisWindowStore(redis, { prefix })
    expect(await store.claim('r', 60_000)).toBe(true)
    expect(await other.claim('r', 60_000)).toBe(false)
    expect(await store.claim('r', 60_000)).toBe(false)
    const ttl = await redis.pttl(`${prefix}alert:r`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
    // a short window: once it has passed, the rule may fire again
    expect(await store.claim('short', 50)).toBe(true)
    await waitUntil(async () => (await redis.exists(`${prefix}alert:short`)) === 0, 'the claim to expire')
    expect(await other.claim('short', 50)).toBe(true)
  })

  it('fails with a LINECAST_ALERT_STORE error when Redis cannot be reached', async () => {
    const store = RedisWindowStore.fromUrl('redis://127.0.0.1:1', { prefix: uniquePrefix() })
    await expect(store.add(spec, batch([1]), T)).rejects.toMatchObject({ code: 'LINECAST_ALERT_STORE' })
    await store.close()
  })
})

interface ChildResult {
  code: number | null
  alerts: LogLine[]
  stderr: string
}

function runChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    proc.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    proc.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    proc.once('error', reject)
    proc.once('close', (code) => {
      try {
        resolve({ code, stderr, alerts: JSON.parse(stdout) as LogLine[] })
      } catch {
        reject(new Error(`child printed no JSON (code ${code}): ${stdout}\n${stderr}`))
      }
    })
  })
}

describe('two processes sharing one window', () => {
  it('each adds half the cost; exactly one alert fires, with the summed value', async () => {
    if (!existsSync(builtEvaluator)) throw new Error(`${builtEvaluator} is missing: run \`npm run build\` first (npm test does it)`)
    const prefix = uniquePrefix()
    const env = { REDIS_URL, PREFIX: prefix, COUNT: '5', COST: '1', ABOVE: '9.5' }
    const [a, b] = await Promise.all([runChild(env), runChild(env)])
    expect([a?.stderr, b?.stderr]).toEqual(['', ''])
    expect([a?.code, b?.code]).toEqual([0, 0])
    const alerts = [...(a?.alerts ?? []), ...(b?.alerts ?? [])]
    expect(alerts.map((l) => l.event)).toEqual(['cost_anomaly_detected'])
    expect(alerts[0]).toMatchObject({ rule: 'cost_anomaly', measure: 'sum', value: 10, threshold: 9.5, window: '1h', cost: 10, baseline: 9.5 })
    expect(await keysOf(`${prefix}alert:`)).toEqual([`${prefix}alert:cost_anomaly`])
  })
})
