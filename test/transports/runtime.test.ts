import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { startRuntime, type Runtime } from '../../transports/worker/runtime.js'
import { sinkFactory, SinkUnavailableError } from '../../transports/worker/registry.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { httpCatalog, tempDirs } from '../support/transport-fixtures.js'

let receiver: HttpReceiver
let runtime: Runtime | undefined
afterEach(async () => {
  await runtime?.shutdown()
  runtime = undefined
  await receiver?.close()
})

function channel() {
  const posts: [string, unknown[]][] = []
  const written: string[] = []
  return { posts, written, post: (name: string, ...args: unknown[]) => void posts.push([name, args]), write: (t: string) => void written.push(t) }
}

describe('transport runtime (in-thread)', () => {
  it('writes delivery_stats periodically to stdout, to the main thread and through the routes', async () => {
    receiver = await startHttpReceiver()
    const ch = channel()
    runtime = await startRuntime({ catalog: httpCatalog(), env: { RECEIVER_URL: receiver.url }, ...tempDirs(), statsIntervalMs: 30, flushIntervalMs: 10 }, ch)
    runtime.accept(JSON.stringify({ level: 'info', time: 't', eventId: 'x1', msg: 'hi' }))
    await receiver.waitFor((reqs) => reqs.some((r) => (r.json as LogLine[]).some((l) => l.event === 'linecast.delivery_stats')))
    const reported = ch.posts.filter(([name]) => name === 'linecast:report').map(([, [line]]) => line as LogLine)
    expect(reported.some((l) => l.event === 'linecast.delivery_stats')).toBe(true)
    expect(ch.written.some((t) => JSON.parse(t).event === 'linecast.delivery_stats')).toBe(true)
  })

  it('honours the destinations filter and normalises numeric levels and missing eventIds', async () => {
    receiver = await startHttpReceiver()
    const catalog = httpCatalog()
    catalog.destinations.other = { kind: 'module', settings: { module: 'nope.mjs' } }
    const ch = channel()
    runtime = await startRuntime({ catalog, env: { RECEIVER_URL: receiver.url }, ...tempDirs(), destinations: ['http'], diagnostics: 'none', statsIntervalMs: 0 }, ch)
    expect(runtime.stats().off).toEqual({ other: 'not in the destinations filter' })
    runtime.accept('{"level":40,"time":1700000000000,"msg":"plain pino"}')
    await runtime.flush()
    const [line] = receiver.requests.flatMap((r) => r.json as LogLine[])
    expect(line).toMatchObject({ level: 'warn', time: '2023-11-14T22:13:20.000Z', msg: 'plain pino' })
    expect(typeof line?.eventId).toBe('string')
  })

  it('turns a destination off when its sink cannot be created, and the others keep working', async () => {
    receiver = await startHttpReceiver()
    const catalog = httpCatalog()
    catalog.destinations.broken = { kind: 'module', settings: { module: '/nonexistent/sink.mjs' } }
    catalog.routes = { info: ['broken', 'http'] }
    const ch = channel()
    runtime = await startRuntime({ catalog, env: { RECEIVER_URL: receiver.url }, ...tempDirs(), diagnostics: 'none', statsIntervalMs: 0 }, ch)
    expect(runtime.stats().off.broken).toMatch(/LINECAST_MODULE_LOAD|cannot be imported/)
    const off = ch.posts.map(([, [l]]) => l as LogLine).filter((l) => l.event === 'linecast.destination_off')
    expect(off).toMatchObject([{ level: 'error', destination: 'broken' }])
    runtime.accept(JSON.stringify({ level: 'info', time: 't', eventId: 'x2', msg: 'still delivered' }))
    await runtime.flush()
    expect(receiver.requests).toHaveLength(1)
  })
})

describe('transport runtime: masking, start-up line, env', () => {
  it('masks secrets in the raw text and in the parsed line before any destination sees them', async () => {
    receiver = await startHttpReceiver()
    runtime = await startRuntime({ catalog: httpCatalog(), env: { RECEIVER_URL: receiver.url }, ...tempDirs(), diagnostics: 'none', statsIntervalMs: 0 }, channel())
    runtime.accept(JSON.stringify({ level: 'info', time: 't', eventId: 'x3', msg: 'called with Bearer abcdefghijklmnop', note: 'key sk_live_abcdefghijkl' }))
    await runtime.flush()
    const text = receiver.requests.map((r) => r.text).join('')
    expect(text).not.toContain('abcdefghijklmnop')
    expect(text).not.toContain('sk_live_abcdefghijkl')
    const [line] = receiver.requests.flatMap((r) => r.json as LogLine[])
    expect(line).toMatchObject({ msg: 'called with Bearer [REDACTED]', note: 'key [REDACTED]' })
  })

  it('names every destination on or off in one start-up line, with env, also when all are off', async () => {
    const catalog = httpCatalog()
    catalog.destinations.slack = { kind: 'module', settings: { module: 'unused.mjs', url: '${LINECAST_TEST_UNSET_WEBHOOK}' } }
    const ch = channel()
    runtime = await startRuntime({ catalog, env: {}, environment: 'staging', ...tempDirs(), statsIntervalMs: 0 }, ch)
    const lines = ch.posts.map(([, [l]]) => l as LogLine)
    const startup = lines.filter((l) => l.event === 'linecast.destinations')
    expect(startup).toHaveLength(1)
    expect(startup[0]).toMatchObject({ level: 'warn', env: 'staging', destinations: { http: 'missing RECEIVER_URL', slack: 'missing LINECAST_TEST_UNSET_WEBHOOK' } })
    expect(String(startup[0]?.msg)).toMatch(/http off \(missing RECEIVER_URL\); slack off/)
    expect(lines.every((l) => l.env === 'staging')).toBe(true)
  })

  it('reports a destination that cannot connect at all within seconds, without a flush', async () => {
    const ch = channel()
    runtime = await startRuntime(
      { catalog: httpCatalog(), env: { RECEIVER_URL: 'http://127.0.0.1:9' }, ...tempDirs(), diagnostics: 'stdout', statsIntervalMs: 0, spoolAfterMs: 200, unreachableAfterMs: 500, retry: { baseMs: 20, capMs: 100 } },
      ch,
    )
    runtime.accept(JSON.stringify({ level: 'info', time: 't', eventId: 'x4', msg: 'to nowhere' }))
    await vi.waitFor(
      () => {
        const down = ch.posts.map(([, [l]]) => l as LogLine).find((l) => l.level === 'error' && String(l.msg).includes('has taken nothing'))
        expect(down).toMatchObject({ destination: 'http', event: 'linecast.delivery', inSpool: 1 })
      },
      { timeout: 10_000 },
    )
  })
})

describe('sink registry', () => {
  it('loads a sink folder by kind once', async () => {
    const a = await sinkFactory('module')
    expect(typeof a).toBe('function')
    expect(await sinkFactory('module')).toBe(a)
    expect(new SinkUnavailableError('x', 'gone').code).toBe('LINECAST_SINK_UNAVAILABLE')
  })
})
