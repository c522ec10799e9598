/**
 * The compiled package in a child process that dies in the middle of its
 * work: process.exit while inserts wait on a locked audit_log table, SIGKILL
 * at a random point between flushes, SIGTERM in the middle of a burst of
 * 10,000 lines to Betterstack. The next process with the same spool replays
 * it; every line ends up delivered once, and the counts add up.
 */
import { rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHttpReceiver, type HttpReceiver, type ScriptedReply } from '../support/http-receiver.js'
import { requireService } from '../support/services.js'
import { readNdjson } from '../support/transport-fixtures.js'
import { waitUntil } from '../integrations/wait.js'
import { createAuditSchema, type AuditSchema } from './audit-schema.js'
import { appDirs, assertDistBuilt, idsOf, readLines, runApp, statsOf, type AppDirs } from './run-app.js'

const schemas: AuditSchema[] = []
const roots: string[] = []
let receiver: HttpReceiver | undefined

beforeAll(async () => {
  assertDistBuilt()
  await requireService('postgres')
})
afterEach(async () => {
  await receiver?.close()
  receiver = undefined
})
afterAll(async () => {
  await Promise.all(schemas.map((s) => s.drop()))
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

async function auditSchema(): Promise<AuditSchema> {
  const schema = await createAuditSchema('e2e_crash')
  schemas.push(schema)
  return schema
}

function dirs(): AppDirs {
  const d = appDirs()
  roots.push(d.root)
  return d
}

const env = (d: AppDirs, extra: Record<string, string>): Record<string, string> => ({
  SPOOL_DIR: d.SPOOL_DIR,
  DL_DIR: d.DL_DIR,
  LOCAL_LOG: d.LOCAL_LOG,
  ...extra,
})

/** eventIds of the app lines (not linecast.*) in a spool or dead-letter tree. */
const appIdsUnder = (dir: string, event: string): string[] => idsOf(readNdjson(dir), event)

/** Releases the lock and waits until the exited process's server connections (and their blocked inserts) are gone. */
async function release(audit: AuditSchema): Promise<void> {
  await audit.admin.query('commit')
  await waitUntil(async () => (await audit.connections()) === 0, 'the connections of the exited process to end')
}

describe('crash and replay with audit_log on Postgres', () => {
  it('process.exit while inserts wait on a locked table: the next process replays the spool, each ai_api_call is in audit_log once', async () => {
    const audit = await auditSchema()
    const d = dirs()
    const run = env(d, { DESTINATIONS: 'audit', DATABASE_URL: audit.url, BUDGET_MS: '800' })
    await audit.admin.query('begin')
    await audit.admin.query(`lock table "${audit.schema}".audit_log in access exclusive mode`)

    const first = await runApp({ ...run, MODE: 'exit', COUNT: '500' })
    expect(first.code, first.stderr).toBe(0)
    expect(first.emitted).toBe(500)
    const emitted = idsOf(readLines(d.LOCAL_LOG), 'ai_api_call')
    expect(emitted).toHaveLength(500)
    const spooled = appIdsUnder(d.SPOOL_DIR, 'ai_api_call')
    const dead = appIdsUnder(d.DL_DIR, 'ai_api_call')
    // nothing could be written while the table was locked: the lines in flight went to the spool
    expect(spooled.length).toBeGreaterThan(0)
    await release(audit)

    // accounting after the exit: each line delivered (an insert that was waiting on the lock), spooled or dead-lettered
    const rowsAfterExit = await audit.countsById()
    const spooledSet = new Set(spooled)
    const deliveredOnly = [...rowsAfterExit.keys()].filter((id) => !spooledSet.has(id))
    expect(spooledSet.size).toBe(spooled.length)
    expect(dead).toHaveLength(0)
    expect(deliveredOnly.length + spooled.length + dead.length).toBe(500)
    expect(new Set([...deliveredOnly, ...spooled, ...dead])).toEqual(new Set(emitted))

    const second = await runApp({ ...run, MODE: 'replay', BUDGET_MS: '8000' })
    expect(second.code, second.stderr).toBe(0)
    const stats = statsOf(second).destinations.audit
    expect(stats).toMatchObject({ replayed: spooled.length, delivered: spooled.length, deadLettered: 0, dropped: 0, spooled: 0 })

    const counts = await audit.countsById()
    expect([...counts.keys()].sort()).toEqual([...emitted].sort())
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(counts.size).toBe(500)
    expect(readNdjson(d.SPOOL_DIR)).toEqual([])
  })

  it.each([
    ['a healthy table', false],
    ['a locked table (flushes end at their deadline by spooling)', true],
  ])('SIGKILL at a random point between flushes, %s: every line flushed before the kill is in audit_log once after the next start', async (_name, locked) => {
    const audit = await auditSchema()
    const d = dirs()
    const run = env(d, { DESTINATIONS: 'audit', DATABASE_URL: audit.url, BUDGET_MS: '300' })
    if (locked) {
      await audit.admin.query('begin')
      await audit.admin.query(`lock table "${audit.schema}".audit_log in access exclusive mode`)
    }
    // kill after a random number of completed flushes, while the next chunk is being emitted or flushed
    const killAfter = 2 + Math.floor(Math.random() * 6)
    const flushed: string[] = []
    let flushes = 0
    const first = await runApp({ ...run, MODE: 'flush-burst', CHUNK: '25' }, (line, kill) => {
      if (!line.startsWith('FLUSHED ')) return
      flushes++
      flushed.push(...line.slice('FLUSHED '.length).split(' '))
      if (flushes === killAfter) kill('SIGKILL')
    })
    expect(first.signal).toBe('SIGKILL')
    expect(flushes).toBeGreaterThanOrEqual(killAfter)
    const emitted = idsOf(readLines(d.LOCAL_LOG), 'ai_api_call')
    expect(emitted.length).toBeGreaterThanOrEqual(flushed.length)
    const spooled = appIdsUnder(d.SPOOL_DIR, 'ai_api_call')
    const dead = appIdsUnder(d.DL_DIR, 'ai_api_call')
    if (locked) {
      expect(spooled.length).toBeGreaterThanOrEqual(flushed.length)
      await release(audit)
    } else {
      await waitUntil(async () => (await audit.connections()) === 0, 'the connections of the killed process to end')
    }
    const rowsAfterKill = new Set((await audit.countsById()).keys())
    // what a completed flush covered is delivered or spooled (fsync'd) at the moment of the kill
    const spooledSet = new Set(spooled)
    expect(flushed.filter((id) => !rowsAfterKill.has(id) && !spooledSet.has(id))).toEqual([])

    const second = await runApp({ ...run, MODE: 'replay', BUDGET_MS: '8000' })
    expect(second.code, second.stderr).toBe(0)
    expect(statsOf(second).destinations.audit).toMatchObject({ replayed: spooled.length, delivered: spooled.length, deadLettered: 0, dropped: 0 })

    const counts = await audit.countsById()
    expect(flushed.filter((id) => counts.get(id) !== 1)).toEqual([])
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    const emittedSet = new Set(emitted)
    expect([...counts.keys()].filter((id) => !emittedSet.has(id))).toEqual([])
    // accounting: each emitted line delivered, spooled or dead-lettered, or lost in memory after the last completed flush
    const deliveredOnly = [...rowsAfterKill].filter((id) => !spooledSet.has(id))
    const lost = emitted.filter((id) => !counts.has(id))
    expect(dead).toHaveLength(0)
    expect(deliveredOnly.length + spooled.length + dead.length + lost.length).toBe(emitted.length)
    expect(lost.filter((id) => flushed.includes(id))).toEqual([])
    expect(readNdjson(d.SPOOL_DIR)).toEqual([])
  })
})

describe('SIGTERM in the middle of a burst of 10,000 lines to Betterstack', () => {
  it.each([
    ['answering 200', (): ScriptedReply => ({ status: 200 })],
    ['answering 503', (): ScriptedReply => ({ status: 503 })],
    ['going silent after 20 batches (requests in flight at the deadline)', (n: number): ScriptedReply => (n < 20 ? { status: 200 } : { hang: true })],
  ])('receiver %s: every line delivered or spooled, the process exits 143, the next start delivers the rest', async (_name, reply) => {
    const rx = await startHttpReceiver()
    receiver = rx
    const accepted: string[] = []
    let n = 0
    rx.fallback = (req) => {
      const answer = reply(n++)
      if (!answer.hang && (answer.status ?? 200) < 300 && Array.isArray(req.json)) {
        for (const l of req.json as Record<string, unknown>[]) if (l.event === 'logo_generated') accepted.push(l.eventId as string)
      }
      return answer
    }
    const d = dirs()
    const run = env(d, {
      DESTINATIONS: 'betterstack',
      BETTERSTACK_SOURCE_TOKEN: 'bs-token',
      BETTERSTACK_URL: `${rx.url}/ingest`,
      BUDGET_MS: '1000',
    })

    let termed = false
    const first = await runApp({ ...run, MODE: 'burst', COUNT: '10000', STARTED_AT: '2000' }, (line, kill) => {
      if (line === 'STARTED' && !termed) {
        termed = true
        kill('SIGTERM')
      }
    })
    expect(termed).toBe(true)
    expect(first.code, first.stderr).toBe(143)
    expect(first.emitted).toBe(10_000)
    const emitted = idsOf(readLines(d.LOCAL_LOG), 'logo_generated')
    expect(emitted).toHaveLength(10_000)

    const delivered = [...accepted]
    const spooled = appIdsUnder(d.SPOOL_DIR, 'logo_generated')
    const dead = appIdsUnder(d.DL_DIR, 'logo_generated')
    expect(new Set(delivered).size).toBe(delivered.length)
    expect(dead).toHaveLength(0)
    expect(delivered.length + spooled.length + dead.length).toBe(10_000)
    expect(new Set([...delivered, ...spooled])).toEqual(new Set(emitted))

    reply = () => ({ status: 200 })
    accepted.length = 0
    const second = await runApp({ ...run, MODE: 'replay', BUDGET_MS: '8000' })
    expect(second.code, second.stderr).toBe(0)
    expect(statsOf(second).destinations.betterstack).toMatchObject({ replayed: spooled.length, deadLettered: 0, dropped: 0 })
    expect(accepted).toHaveLength(spooled.length)
    const all = [...delivered, ...accepted]
    expect(all).toHaveLength(10_000)
    expect(new Set(all)).toEqual(new Set(emitted))
    expect(readNdjson(d.SPOOL_DIR)).toEqual([])
  })
})
