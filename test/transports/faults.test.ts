import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { replayCommand } from '../../cli/commands/replay.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { startCommand } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { idsOf, openHarness, type Harness } from '../support/transport-harness.js'
import { assertBuilt, httpCatalog, readNdjson, tempDirs } from '../support/transport-fixtures.js'

let receiver: HttpReceiver
let h: Harness | undefined

beforeAll(() => assertBuilt())
afterEach(async () => {
  await h?.transport.close()
  h = undefined
  await receiver?.close()
})

const unique = (ids: string[]): number => new Set(ids).size

describe('transport faults', () => {
  it('retries while the receiver answers 500, then delivers every line once', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, (_req, n) => (n < 3 ? { status: 500 } : { status: 200 }))
    for (let i = 0; i < 40; i++) h.log.info({ i }, 'line')
    await h.transport.flush()
    const stats = await h.transport.stats()
    expect(h.accepted).toHaveLength(40)
    expect(unique(h.accepted)).toBe(40)
    expect(stats.destinations.http).toMatchObject({ delivered: 40, retried: 3, deadLettered: 0, spooled: 0 })
  })

  it('waits as a 429 Retry-After asks, then delivers', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, (_req, n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }))
    for (let i = 0; i < 5; i++) h.log.info({ i }, 'line')
    await h.transport.flush()
    expect(h.accepted).toHaveLength(5)
    expect(receiver.requests).toHaveLength(2)
    // a wait as long as the delivery window spools the batch; it is replayed once the wait is over
    const stats = (await h.transport.stats()).destinations.http
    expect(stats).toMatchObject({ delivered: 5, deadLettered: 0, dropped: 0, inSpool: 0 })
    expect(stats?.replayed).toBe(stats?.spooled)
  })

  it('treats a receiver hanging past the timeout as a retry', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, (_req, n) => (n === 0 ? { hang: true } : { status: 200 }), { timeoutMs: 300 })
    for (let i = 0; i < 5; i++) h.log.info({ i }, 'line')
    await h.transport.flush()
    expect(h.accepted).toHaveLength(5)
    expect((await h.transport.stats()).destinations.http).toMatchObject({ delivered: 5, retried: 1 })
  })

  it('survives an unhandled rejection in a sink and reports it', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver)
    h.log.info({ strayRejection: true }, 'first')
    await h.transport.flush()
    h.log.info('second')
    await h.transport.flush()
    expect(h.accepted).toHaveLength(2)
    await vi.waitFor(() => expect(h!.reports.some((r) => String(r.error).includes('stray rejection'))).toBe(true))
  })

  it('keeps delivering to a healthy destination while another one hangs', async () => {
    receiver = await startHttpReceiver()
    const slow = await startHttpReceiver()
    slow.fallback = { hang: true }
    const catalog = httpCatalog()
    catalog.destinations.slow = { kind: 'module', settings: { module: catalog.destinations.http!.settings.module, url: '${SLOW_URL}' } }
    catalog.routes = { info: ['slow', 'http'] }
    h = openHarness(receiver, undefined, { catalog, env: { RECEIVER_URL: receiver.url, SLOW_URL: slow.url }, timeoutMs: 60_000, budgetMs: 500 })
    for (let i = 0; i < 20; i++) h.log.info({ i }, 'line')
    await receiver.waitFor(() => h!.accepted.length === 20)
    // the hung destination got its request too, and is still holding it
    await slow.waitFor((reqs) => reqs.length > 0)
    await h.transport.close()
    h = undefined
    await slow.close()
  })

  it('reports a worker that cannot start and spools what is written to it', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, undefined, { catalog: undefined, catalogPath: '/nonexistent/catalog.json' })
    await vi.waitFor(() => expect(h!.reports.some((r) => r.event === 'linecast.transport_failed')).toBe(true), { timeout: 10_000 })
    h.log.info('kept')
    // written as a block within the delivery window, never line by line
    await vi.waitFor(() => expect(readNdjson(join(h!.dirs.spoolDir, '_incoming')).map((l) => l.msg)).toEqual(['kept']), { timeout: 5000 })
  })

  it('counts and dead-letters a malformed line and keeps going', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver)
    h.log.info('before')
    h.transport.stream.write('{"level":"info", this is not json\n')
    h.log.info('after')
    await h.transport.flush()
    const stats = await h.transport.stats()
    expect(h.accepted).toHaveLength(2)
    expect(stats.malformed).toBe(1)
    const dead = readNdjson(h.dirs.deadLetterDir)
    expect(dead).toHaveLength(1)
    expect(dead[0]).toMatchObject({ destination: '_malformed', line: '{"level":"info", this is not json' })
  })

  it('splits on 413, dead-letters the culprit and delivers the rest', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, (req) => (idsOf(req).length > 0 && (req.json as { big?: boolean }[]).some((l) => l.big === true) ? { status: 413 } : { status: 200 }))
    for (let i = 0; i < 8; i++) h.log.info({ i, big: i === 5 }, 'line')
    await h.transport.flush()
    const stats = await h.transport.stats()
    const dead = readNdjson(h.dirs.deadLetterDir)
    expect(h.accepted).toHaveLength(7)
    expect(dead).toHaveLength(1)
    expect((dead[0]?.line as { i: number }).i).toBe(5)
    // accounting: delivered + spooled + dead-lettered == emitted
    expect(stats.destinations.http).toMatchObject({ delivered: 7, deadLettered: 1, spooled: 0 })
  })

  it('reports a loud 403 once, dead-letters and does not retry forever', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, () => ({ status: 403 }), { catalog: httpCatalog({}, { maxItems: 2 }) })
    for (let i = 0; i < 6; i++) h.log.info({ i }, 'line')
    await h.transport.flush()
    const stats = await h.transport.stats()
    expect(receiver.requests).toHaveLength(3)
    expect(stats.destinations.http).toMatchObject({ delivered: 0, deadLettered: 6, loudRejects: 3, retried: 0 })
    expect(h.reports.filter((r) => r.level === 'error' && String(r.msg).includes('HTTP 403'))).toHaveLength(1)
    expect(readNdjson(h.dirs.deadLetterDir)).toHaveLength(6)
  })

  it('turns off a destination whose settings name an unset variable, and says so once', async () => {
    receiver = await startHttpReceiver()
    const catalog = httpCatalog()
    catalog.destinations.slack = { kind: 'module', settings: { module: 'unused.mjs', url: '${LINECAST_TEST_UNSET_WEBHOOK}' } }
    catalog.routes = { info: ['http', 'slack'] }
    h = openHarness(receiver, undefined, { catalog })
    h.log.info('one')
    await h.transport.flush()
    const off = h.reports.filter((r) => r.event === 'linecast.destination_off')
    expect(off).toHaveLength(1)
    expect(off[0]).toMatchObject({ level: 'info', destination: 'slack', missing: ['LINECAST_TEST_UNSET_WEBHOOK'] })
    expect(h.accepted).toHaveLength(1)
    expect((await h.transport.stats()).off).toEqual({ slack: 'missing LINECAST_TEST_UNSET_WEBHOOK' })
  })

  it('spools undelivered lines at the flush budget and replays them once the receiver recovers', async () => {
    receiver = await startHttpReceiver()
    let down = true
    h = openHarness(receiver, () => (down ? { status: 500 } : { status: 200 }), { budgetMs: 300 })
    for (let i = 0; i < 30; i++) h.log.info({ i }, 'line')
    await h.transport.flush()
    expect(h.accepted).toHaveLength(0)
    expect(readNdjson(h.dirs.spoolDir)).toHaveLength(30)
    down = false
    await receiver.waitFor(() => h!.accepted.length >= 30)
    await h.transport.flush()
    expect(unique(h.accepted)).toBe(30)
    expect(h.accepted).toHaveLength(30)
  })

  it('spools in the main thread past the buffer cap and delivers those lines before close resolves', async () => {
    receiver = await startHttpReceiver()
    h = openHarness(receiver, undefined, { maxBufferedBytes: 1 })
    const big = 'x'.repeat(2000)
    for (let i = 0; i < 3000; i++) h.log.info({ i, big }, 'line')
    await h.transport.flush()
    const stats = await h.transport.stats()
    expect(stats.overflow ?? 0).toBeGreaterThan(0)
    await h.transport.close()
    expect(h.accepted).toHaveLength(3000)
    expect(unique(h.accepted)).toBe(3000)
    expect(readNdjson(h.dirs.spoolDir)).toEqual([])
  })

  it('routes lines the main thread spooled in an earlier run on the next start', async () => {
    receiver = await startHttpReceiver()
    const dirs = tempDirs()
    const incoming = join(dirs.spoolDir, '_incoming')
    mkdirSync(incoming, { recursive: true })
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ level: 30, time: Date.now(), eventId: `early-${i}`, msg: 'x' }))
    writeFileSync(join(incoming, '00000000000001-000000-test.ndjson'), `${lines.join('\n')}\n{"level":30,"ti`)
    h = openHarness(receiver, undefined, dirs)
    await receiver.waitFor(() => h!.accepted.length >= 20)
    await h.transport.flush()
    expect(h.accepted).toEqual(Array.from({ length: 20 }, (_, i) => `early-${i}`))
    expect((await h.transport.stats()).destinations._incoming?.torn).toBe(1)
    expect(readNdjson(dirs.spoolDir)).toEqual([])
  })
})

const losses = (reports: LogLine[], outcome: string): number =>
  reports.filter((r) => r.level === 'error' && r.event === 'linecast.delivery' && r.outcome === outcome).reduce((n, r) => n + (r.count as number), 0)

describe('delivery guarantees', () => {
  it('a healthy receiver has all of 100,000 lines after flush(), and no spool file was ever created', async () => {
    receiver = await startHttpReceiver()
    // the budget only bounds a failing flush: this one returns once the receiver has every line
    h = openHarness(receiver, undefined, { catalog: httpCatalog({}, { maxItems: 1000 }), budgetMs: 120_000 })
    for (let i = 0; i < 100_000; i++) h.log.info({ i }, 'line')
    const pending = await h.transport.flush()
    expect(pending.http).toMatchObject({ memory: 0, spool: 0 })
    expect(new Set(h.accepted).size).toBe(100_000)
    const stats = (await h.transport.stats()).destinations.http
    expect(stats).toMatchObject({ delivered: 100_000, spooled: 0, dropped: 0, deadLettered: 0 })
    expect(existsSync(h.dirs.spoolDir)).toBe(false)
  })

  it('spool directory unwritable and receiver down: the lines are dead-lettered and an error line says exactly how many', async () => {
    receiver = await startHttpReceiver()
    const root = mkdtempSync(join(tmpdir(), 'linecast-unwritable-'))
    writeFileSync(join(root, 'file'), 'a regular file')
    h = openHarness(receiver, () => ({ status: 503 }), { spoolDir: join(root, 'file', 'spool'), budgetMs: 1500, spoolAfterMs: 200 })
    for (let i = 0; i < 1500; i++) h.log.info({ i }, 'line')
    await h.transport.flush()
    const stats = (await h.transport.stats()).destinations.http
    expect(stats).toMatchObject({ delivered: 0, spooled: 0, deadLettered: 1500, dropped: 0 })
    expect(losses(h.reports, 'dead_lettered')).toBe(1500)
    expect(h.reports.find((r) => r.outcome === 'dead_lettered')).toMatchObject({ destination: 'http', reason: expect.stringMatching(/spool cannot be written/), action: expect.stringMatching(/linecast replay/) })
    expect(readNdjson(h.dirs.deadLetterDir).filter((r) => (r.line as LogLine).msg === 'line')).toHaveLength(1500)
  })

  it('402 for 2 s, then 200: every line delivered, none dead-lettered', async () => {
    receiver = await startHttpReceiver()
    let paidAt: number | undefined
    h = openHarness(
      receiver,
      () => {
        paidAt ??= Date.now() + 2000
        return Date.now() < paidAt ? { status: 402 } : { status: 200 }
      },
      { retry: { baseMs: 20, capMs: 200, quotaBackoffMs: 300 }, budgetMs: 10_000 },
    )
    for (let i = 0; i < 300; i++) h.log.info({ i }, 'line')
    await receiver.waitFor(() => new Set(h!.accepted).size >= 300, 15_000)
    await h.transport.flush()
    const stats = (await h.transport.stats()).destinations.http
    expect(new Set(h.accepted).size).toBe(300)
    expect(stats).toMatchObject({ delivered: 300, deadLettered: 0, dropped: 0, inSpool: 0 })
    expect(h.reports.filter((r) => String(r.msg).includes('quota or spending limit'))).toHaveLength(1)
  })

  it('`linecast replay` sends dead-lettered lines once the cause is fixed: each delivered once, the file gone', async () => {
    receiver = await startHttpReceiver()
    let fixed = false
    h = openHarness(receiver, () => (fixed ? { status: 200 } : { status: 400 }))
    for (let i = 0; i < 25; i++) h.log.info({ i }, 'line')
    await h.transport.close()
    const dirs = h.dirs
    h = undefined
    const file = join(dirs.deadLetterDir, 'http.ndjson')
    expect(readNdjson(dirs.deadLetterDir)).toHaveLength(25)

    const catalogFile = join(dirs.root, 'catalog.json')
    writeFileSync(catalogFile, JSON.stringify(httpCatalog()))
    const replay = async (args: string[]) => {
      const started = startCommand(replayCommand, [file, '--catalog', catalogFile, ...args], { cwd: dirs.root, env: { RECEIVER_URL: receiver.url } })
      return { code: await started.code, stdout: started.stdout(), stderr: started.stderr() }
    }
    // still refused: nothing leaves the file
    const refused = await replay([])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/http: 0 sent, 25 refused again/)
    expect(readNdjson(dirs.deadLetterDir)).toHaveLength(25)

    fixed = true
    const before = receiver.requests.length
    const sent = await replay(['--destination', 'http'])
    expect(sent.code, sent.stderr).toBe(0)
    expect(sent.stdout).toMatch(/http: 25 sent, 0 refused again, 0 kept/)
    const ids = receiver.requests.slice(before).flatMap((r) => (r.json as LogLine[]).map((l) => l.eventId))
    expect(ids).toHaveLength(25)
    expect(new Set(ids).size).toBe(25)
    expect(existsSync(file)).toBe(false)
  })
})
