import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { replayCommand } from '../../cli/commands/replay.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { startCommand } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { openHarness, type Harness } from '../support/transport-harness.js'
import { assertBuilt, httpCatalog, readNdjson } from '../support/transport-fixtures.js'

let receiver: HttpReceiver
let h: Harness | undefined

beforeAll(() => assertBuilt())
afterEach(async () => {
  await h?.transport.close()
  h = undefined
  await receiver?.close()
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
