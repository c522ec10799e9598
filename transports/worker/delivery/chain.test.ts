import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeliveryChain } from './chain.js'
import { DeadLetter } from './dead-letter.js'
import { chainLimits, type ChainOptions } from './defaults.js'
import { listSegments, Spool } from './spool.js'
import { emptyStats } from './stats.js'
import type { LogLine, Outcome, Sink, SinkLimits } from './types.js'

type Answer = (batch: LogLine[]) => Outcome | 'hang'

function scriptedSink(answer: Answer, limits: SinkLimits = { maxItems: 10 }) {
  const sink = {
    name: 'dest',
    limits,
    delivered: [] as string[],
    raws: [] as (string | undefined)[],
    calls: 0,
    sizes: [] as number[],
    flying: 0,
    mostFlying: 0,
    encode: (line: LogLine, raw?: string): LogLine => {
      if (line.poison === true) throw new Error('cannot encode')
      sink.raws.push(raw)
      return line
    },
    send: async (batch: LogLine[]): Promise<Outcome> => {
      sink.calls++
      sink.sizes.push(batch.length)
      sink.flying++
      sink.mostFlying = Math.max(sink.mostFlying, sink.flying)
      await new Promise((r) => setTimeout(r, 5))
      sink.flying--
      const a = answer(batch)
      if (a === 'hang') return new Promise<Outcome>(() => {})
      if (a.type === 'ok') sink.delivered.push(...batch.map((l) => l.eventId))
      return a
    },
  } satisfies Sink<LogLine> & Record<string, unknown>
  return sink
}

const FAST: ChainOptions = { lingerMs: 5, spoolAfterMs: 100, timeoutMs: 500, unreachableAfterMs: 200, retry: { baseMs: 5, capMs: 20, quotaBackoffMs: 50 } }

function setup(sink: Sink<LogLine>, options: ChainOptions = {}, root = mkdtempSync(join(tmpdir(), 'linecast-chain-'))) {
  const stats = emptyStats()
  const reports: { level: string; msg: string; fields: Record<string, unknown> }[] = []
  const spoolDir = join(root, 'spool', 'dest')
  const chain = new DeliveryChain(chainLimits(sink.limits, { ...FAST, ...options }), {
    sink,
    spool: new Spool(spoolDir),
    deadLetter: new DeadLetter(join(root, 'dead')),
    stats,
    report: (level, msg, fields = {}) => void reports.push({ level, msg, fields }),
    toLine: (v) => v as LogLine,
    random: () => 0.5,
  })
  return { chain, stats, reports, root, spoolDir }
}

const line = (i: number, extra: Record<string, unknown> = {}): [string, LogLine] => {
  const l: LogLine = { level: 'info', time: 't', eventId: `e${i}`, i, ...extra }
  return [JSON.stringify(l), l]
}
const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, k) => `e${from + k}`)
const sorted = (a: string[]): string[] => [...a].sort()
const soon = (ms = 5000): number => Date.now() + ms
const lossCount = (reports: { fields: Record<string, unknown> }[], outcome: string): number =>
  reports.filter((r) => r.fields.outcome === outcome).reduce((n, r) => n + (r.fields.count as number), 0)

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('DeliveryChain', () => {
  it('delivers every line once in batches of the sink limit, several at once, without touching the disk', async () => {
    const sink = scriptedSink(() => ({ type: 'ok' }))
    const { chain, stats, spoolDir } = setup(sink)
    for (let i = 0; i < 95; i++) chain.accept(...line(i))
    expect(await chain.flush(soon())).toMatchObject({ memory: 0, spool: 0 })
    expect(sorted(sink.delivered)).toEqual(sorted(ids(0, 95)))
    expect(sink.sizes.every((n) => n <= 10)).toBe(true)
    expect(sink.sizes.filter((n) => n === 10).length).toBeGreaterThanOrEqual(8)
    expect(sink.mostFlying).toBeGreaterThan(1)
    expect(sink.mostFlying).toBeLessThanOrEqual(4)
    expect(sink.raws[0]).toBe(line(0)[0])
    expect(stats).toMatchObject({ delivered: 95, spooled: 0, deadLettered: 0 })
    expect(existsSync(spoolDir)).toBe(false)
    await chain.shutdown(soon(1000))
  })

  it('holds at most the sink maxInFlight sends at once', async () => {
    const sink = scriptedSink(() => ({ type: 'ok' }), { maxItems: 1, maxInFlight: 2 })
    const { chain } = setup(sink, { maxInFlight: 16 })
    for (let i = 0; i < 20; i++) chain.accept(...line(i))
    await chain.flush(soon())
    expect(sink.mostFlying).toBe(2)
    await chain.shutdown(soon(1000))
  })

  it('spools what a stalled destination cannot take within the window, reports it unreachable, and replays once it recovers', async () => {
    let open = false
    const sink = scriptedSink(() => (open ? { type: 'ok' } : { type: 'retry', reason: 'connection refused' }))
    const { chain, stats, reports, spoolDir } = setup(sink)
    for (let i = 0; i < 30; i++) chain.accept(...line(i))
    await until(() => stats.spooled === 30)
    await until(() => reports.some((r) => r.level === 'error' && r.msg.includes('has taken nothing')))
    expect(listSegments(spoolDir).length).toBeGreaterThan(0)
    open = true
    for (let i = 30; i < 35; i++) chain.accept(...line(i))
    await chain.flush(soon())
    expect(sorted(sink.delivered)).toEqual(sorted(ids(0, 35)))
    expect(stats).toMatchObject({ delivered: 35, spooled: 30, replayed: 30, dropped: 0 })
    expect(listSegments(spoolDir)).toEqual([])
    await chain.shutdown(soon(1000))
  })

  it('copies the lines of a send that hangs past the window to the spool; when it answers after all, the copy is not sent again', async () => {
    let release: (() => void) | undefined
    const sink = scriptedSink(() => 'hang')
    const send = sink.send
    let first = true
    sink.send = async (batch) => {
      if (!first) return send(batch)
      first = false
      await new Promise<void>((r) => (release = r))
      sink.delivered.push(...batch.map((l) => l.eventId))
      return { type: 'ok' }
    }
    const { chain, stats, spoolDir } = setup(sink, { timeoutMs: 60_000 })
    for (let i = 0; i < 10; i++) chain.accept(...line(i))
    // what a crash now would leave: every line of the hung send is on disk
    await until(() => stats.spooled === 10)
    const onDisk = listSegments(spoolDir).flatMap((path) => readFileSync(path, 'utf8').split('\n').filter(Boolean))
    expect(sorted(onDisk.map((l) => (JSON.parse(l) as LogLine).eventId))).toEqual(sorted(ids(0, 10)))
    release?.()
    await chain.flush(soon())
    expect(sink.delivered).toEqual(ids(0, 10))
    expect(listSegments(spoolDir)).toEqual([])
    expect(stats).toMatchObject({ delivered: 10, replayed: 0, dropped: 0 })
    await chain.shutdown(soon(1000))
  })

  it('a send that hangs past the window and then times out: its lines are spooled once and delivered once', async () => {
    let hang = true
    const sink = scriptedSink(() => (hang ? 'hang' : { type: 'ok' }))
    const { chain, stats, spoolDir } = setup(sink, { timeoutMs: 400 })
    for (let i = 0; i < 10; i++) chain.accept(...line(i))
    await until(() => stats.spooled === 10)
    await until(() => stats.retried > 0 || sink.calls > 1)
    hang = false
    await chain.flush(soon())
    expect(sorted(sink.delivered)).toEqual(sorted(ids(0, 10)))
    expect(stats).toMatchObject({ delivered: 10, spooled: 10, replayed: 10, dropped: 0 })
    expect(listSegments(spoolDir)).toEqual([])
    await chain.shutdown(soon(1000))
  })

  it('spools at the flush deadline, says what is pending, and shutdown does not wait a second time', async () => {
    const sink = scriptedSink(() => ({ type: 'retry', reason: 'down' }))
    const { chain, root } = setup(sink, { spoolAfterMs: 60_000 })
    for (let i = 0; i < 12; i++) chain.accept(...line(i))
    expect(await chain.flush(soon(150))).toMatchObject({ memory: 0, spool: 12 })
    const before = sink.calls
    // a deadline far away: a destination that already used up a flush budget is not waited for again
    expect(await chain.shutdown(soon(60_000))).toMatchObject({ memory: 0, spool: 12 })
    expect(sink.calls).toBe(before)

    const up = scriptedSink(() => ({ type: 'ok' }))
    const second = setup(up, {}, root)
    second.chain.accept(...line(12))
    await second.chain.flush(soon())
    expect(sorted(up.delivered)).toEqual(sorted(ids(0, 13)))
    await second.chain.shutdown(soon(1000))
  })

  it('dead-letters a line that cannot be encoded and a refused batch, reporting each with its count', async () => {
    const sink = scriptedSink((batch) => (batch.some((l) => l.bad === true) ? { type: 'reject', reason: '403 bad token', loud: true } : { type: 'ok' }), { maxItems: 1 })
    const { chain, stats, reports, root } = setup(sink)
    chain.accept(...line(0, { poison: true }))
    chain.accept(...line(1, { bad: true }))
    chain.accept(...line(2, { bad: true }))
    chain.accept(...line(3))
    await chain.flush(soon())
    expect(sink.delivered).toEqual(['e3'])
    expect(stats).toMatchObject({ delivered: 1, deadLettered: 3, loudRejects: 2 })
    expect(reports.filter((r) => r.msg.includes('403'))).toHaveLength(1)
    expect(lossCount(reports, 'dead_lettered')).toBe(3)
    const dead = readFileSync(join(root, 'dead', 'dest.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: LogLine; reason: string })
    expect(sorted(dead.map((d) => `${d.line.eventId} ${d.reason}`))).toEqual(['e0 encode failed: cannot encode', 'e1 403 bad token', 'e2 403 bad token'])
    await chain.shutdown(soon(1000))
  })

  it('keeps lines refused with 402 in the spool and delivers them when the account is back', async () => {
    let paid = false
    const sink = scriptedSink(() => (paid ? { type: 'ok' } : { type: 'reject', reason: 'HTTP 402: quota', loud: true, status: 402 }))
    const { chain, stats, reports } = setup(sink)
    for (let i = 0; i < 5; i++) chain.accept(...line(i))
    await until(() => stats.spooled === 5)
    paid = true
    await chain.flush(soon())
    expect(sorted(sink.delivered)).toEqual(sorted(ids(0, 5)))
    expect(stats).toMatchObject({ delivered: 5, deadLettered: 0, dropped: 0 })
    expect(reports.filter((r) => r.msg.includes('quota or spending limit'))).toHaveLength(1)
    await chain.shutdown(soon(1000))
  })

  it('cuts a line larger than the sink takes, and dead-letters one that cannot be cut small enough', async () => {
    const sink = scriptedSink(() => ({ type: 'ok' }), { maxItems: 10, maxLineBytes: 400 })
    const { chain, stats } = setup(sink)
    chain.accept(...line(0, { big: 'x'.repeat(5000) }))
    chain.accept(...line(1, Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`f${k}`, k]))))
    await chain.flush(soon())
    expect(sink.delivered).toEqual(['e0'])
    expect(stats).toMatchObject({ delivered: 1, truncated: 1, deadLettered: 1 })
    await chain.shutdown(soon(1000))
  })

  it('sends lines to the dead-letter file with an exact report when the spool cannot be written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'linecast-chain-'))
    writeFileSync(join(root, 'spool'), 'a file where the spool directory should be')
    const sink = scriptedSink(() => ({ type: 'retry', reason: 'down' }))
    const { chain, stats, reports } = setup(sink, {}, root)
    for (let i = 0; i < 17; i++) chain.accept(...line(i))
    await chain.flush(soon(300))
    expect(stats).toMatchObject({ spooled: 0, deadLettered: 17, dropped: 0 })
    expect(lossCount(reports, 'dead_lettered')).toBe(17)
    expect(reports.find((r) => r.fields.outcome === 'dead_lettered')?.fields.reason).toMatch(/LINECAST_SPOOL_WRITE|cannot write the spool/)
    await chain.shutdown(soon(1000))
  })

  it('a flush that ends before its deadline with the destination failing (its lines dead-lettered): shutdown does not wait for it again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'linecast-chain-'))
    writeFileSync(join(root, 'spool'), 'a file where the spool directory should be')
    const sink = scriptedSink(() => ({ type: 'retry', reason: 'down' }))
    const { chain, stats } = setup(sink, { spoolAfterMs: 50 }, root)
    for (let i = 0; i < 5; i++) chain.accept(...line(i))
    await chain.flush(soon(60_000))
    expect(stats.deadLettered).toBe(5)
    // a line written after the flush (a report of it, say) is not retried until a far deadline
    chain.accept(...line(5))
    const before = sink.calls
    await chain.shutdown(soon(60_000))
    expect(sink.calls).toBe(before)
    expect(stats.deadLettered).toBe(6)
  })
})

describe('DeliveryChain with a full spool', () => {
  const big = (i: number): [string, LogLine] => line(i, { pad: 'p'.repeat(950) })
  const fill = async (whenFull: ChainOptions['whenFull'], extra: ChainOptions = {}) => {
    const sink = scriptedSink(() => ({ type: 'retry', reason: 'down' }))
    const s = setup(sink, { spoolMaxBytes: 13_000, whenFull, blockMs: 50, ...extra })
    // each flush ends at its deadline by spooling what it holds: 6 lines of 1 KB a round, room for two rounds
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 6; i++) s.chain.accept(...big(round * 6 + i))
      await s.chain.flush(soon(30))
    }
    return s
  }

  it.each([
    ['drop_newest refuses the lines that do not fit', 'drop_newest'],
    ['block holds the lines up to blockMs, then drops them', 'block'],
  ] as const)('%s and counts them', async (_name, whenFull) => {
    const { stats, reports, chain } = await fill(whenFull)
    expect(stats.spooled + stats.dropped).toBe(18)
    expect(stats.dropped).toBe(6)
    expect(lossCount(reports, 'dropped')).toBe(6)
    await chain.shutdown(soon(100))
  })

  it('drop_oldest deletes the oldest segments (whole, one round or two) and counts their lines', async () => {
    const { stats, reports, chain } = await fill('drop_oldest')
    expect(stats.spooled).toBe(18)
    expect([6, 12]).toContain(stats.dropped)
    expect(lossCount(reports, 'dropped')).toBe(stats.dropped)
    // accounting: every spooled line is on disk or counted dropped, and the newest round is kept
    expect(chain.pending().spool).toBe(18 - stats.dropped)
    await chain.shutdown(soon(100))
  })
})
