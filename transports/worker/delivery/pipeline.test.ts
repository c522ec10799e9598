import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeadLetter } from './dead-letter.js'
import { DestinationPipeline, type PipelineOptions } from './pipeline.js'
import { listSegments, Spool } from './spool.js'
import { emptyStats, type DestinationStats } from './stats.js'
import type { LogLine, Outcome, Sink } from './types.js'

const options: PipelineOptions = {
  batch: { maxItems: 10, maxBytes: 100_000, intervalMs: 20 },
  queueCapacity: 25,
  timeoutMs: 200,
  retry: { baseMs: 5, capMs: 20, maxRetryAfterMs: 50 },
}

type Answer = (batch: LogLine[]) => Outcome | 'hang'

function scriptedSink(answer: Answer): Sink<LogLine> & { delivered: string[]; calls: number } {
  const sink = {
    name: 'dest',
    delivered: [] as string[],
    calls: 0,
    encode: (line: LogLine): LogLine => {
      if (line.poison === true) throw new Error('cannot encode')
      return line
    },
    send: async (batch: LogLine[]): Promise<Outcome> => {
      sink.calls++
      const a = answer(batch)
      if (a === 'hang') return new Promise<Outcome>(() => {})
      if (a.type === 'ok') sink.delivered.push(...batch.map((l) => l.eventId))
      return a
    },
  }
  return sink
}

function setup(sink: Sink<LogLine>, root = mkdtempSync(join(tmpdir(), 'linecast-pipe-')), opts = options) {
  const stats: DestinationStats = emptyStats()
  const reports: string[] = []
  const spoolDir = join(root, 'spool', 'dest')
  const pipeline = new DestinationPipeline(opts, {
    sink,
    spool: new Spool(spoolDir, 10),
    deadLetter: new DeadLetter(join(root, 'dead')),
    stats,
    report: (level, msg) => void reports.push(`${level}: ${msg}`),
    toLine: (v) => v as LogLine,
    random: () => 0.5,
  })
  return { pipeline, stats, reports, root, spoolDir }
}

const line = (i: number, extra: Record<string, unknown> = {}): [string, LogLine] => {
  const l: LogLine = { level: 'info', time: 't', eventId: `e${i}`, i, ...extra }
  return [JSON.stringify(l), l]
}
const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, k) => `e${from + k}`)
const spooledIds = (dir: string): string[] =>
  listSegments(dir).flatMap((p) => readFileSync(p, 'utf8').trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as LogLine).eventId))

describe('DestinationPipeline', () => {
  it('delivers every line once, in batches, and settle resolves after delivery', async () => {
    const sink = scriptedSink(() => ({ type: 'ok' }))
    const { pipeline, stats } = setup(sink)
    for (let i = 0; i < 23; i++) pipeline.accept(...line(i))
    await pipeline.settle(Date.now() + 5000)
    expect(sink.delivered).toEqual(ids(0, 23))
    expect(sink.calls).toBe(3)
    expect(stats).toMatchObject({ delivered: 23, spooled: 0, deadLettered: 0 })
    await pipeline.shutdown(Date.now() + 1000)
  })

  it('retries a failing destination and counts the retries', async () => {
    let calls = 0
    const sink = scriptedSink(() => (++calls <= 2 ? { type: 'retry', reason: '500' } : { type: 'ok' }))
    const { pipeline, stats } = setup(sink)
    for (let i = 0; i < 5; i++) pipeline.accept(...line(i))
    await pipeline.settle(Date.now() + 5000)
    expect(sink.delivered).toEqual(ids(0, 5))
    expect(stats).toMatchObject({ delivered: 5, retried: 2 })
    await pipeline.shutdown(Date.now() + 1000)
  })

  it('overflows a full queue to the spool and replays it in order, deleting delivered segments', async () => {
    let open = false
    const sink = scriptedSink(() => (open ? { type: 'ok' } : { type: 'retry', reason: 'down' }))
    const { pipeline, stats, spoolDir } = setup(sink)
    for (let i = 0; i < 60; i++) pipeline.accept(...line(i))
    expect(stats.spooled).toBe(35)
    open = true
    await pipeline.settle(Date.now() + 5000)
    const deadline = Date.now() + 5000
    while (sink.delivered.length < 60 && Date.now() < deadline) await new Promise((r) => setImmediate(r))
    expect(sink.delivered).toEqual(ids(0, 60))
    expect(stats).toMatchObject({ delivered: 60, spooled: 35, replayed: 35 })
    await pipeline.shutdown(Date.now() + 1000)
    expect(listSegments(spoolDir)).toEqual([])
  })

  it('spools what is undelivered at the flush deadline; a restart replays it before new lines', async () => {
    const down = scriptedSink(() => ({ type: 'retry', reason: 'down' }))
    const first = setup(down)
    for (let i = 0; i < 12; i++) first.pipeline.accept(...line(i))
    await first.pipeline.settle(Date.now() + 100)
    expect(spooledIds(first.spoolDir)).toEqual(ids(0, 12))
    await first.pipeline.shutdown(Date.now() + 100)
    expect(first.stats).toMatchObject({ delivered: 0, spooled: 12 })

    const up = scriptedSink(() => ({ type: 'ok' }))
    const second = setup(up, first.root)
    for (let i = 12; i < 15; i++) second.pipeline.accept(...line(i))
    await second.pipeline.settle(Date.now() + 5000)
    await second.pipeline.shutdown(Date.now() + 5000)
    expect(up.delivered).toEqual(ids(0, 15))
    expect(readdirSync(second.spoolDir)).toEqual([])
  })

  it('spools a batch stuck on a hanging destination at shutdown', async () => {
    const sink = scriptedSink(() => 'hang')
    const { pipeline, stats, spoolDir } = setup(sink, undefined, { ...options, timeoutMs: 60_000 })
    for (let i = 0; i < 4; i++) pipeline.accept(...line(i))
    await pipeline.shutdown(Date.now() + 150)
    expect(spooledIds(spoolDir)).toEqual(ids(0, 4))
    expect(stats).toMatchObject({ delivered: 0, spooled: 4 })
  })

  it('dead-letters a line that cannot be encoded and a loud refusal, reporting the refusal once', async () => {
    const sink = scriptedSink((batch) => (batch.some((l) => l.bad === true) ? { type: 'reject', reason: '403 bad token', loud: true } : { type: 'ok' }))
    const { pipeline, stats, reports, root } = setup(sink, undefined, { ...options, batch: { ...options.batch, maxItems: 1 } })
    pipeline.accept(...line(0, { poison: true }))
    pipeline.accept(...line(1, { bad: true }))
    pipeline.accept(...line(2, { bad: true }))
    pipeline.accept(...line(3))
    await pipeline.settle(Date.now() + 5000)
    expect(sink.delivered).toEqual(['e3'])
    expect(stats).toMatchObject({ delivered: 1, deadLettered: 3, loudRejects: 2 })
    expect(reports.filter((r) => r.includes('403'))).toHaveLength(1)
    const dead = readFileSync(join(root, 'dead', 'dest.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(dead.map((d) => [d.line.eventId, d.reason])).toEqual([
      ['e0', 'encode failed: cannot encode'],
      ['e1', '403 bad token'],
      ['e2', '403 bad token'],
    ])
    await pipeline.shutdown(Date.now() + 1000)
    expect(existsSync(join(root, 'spool', 'dest'))).toBe(false)
  })
})
