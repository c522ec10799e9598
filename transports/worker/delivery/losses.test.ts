import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeadLetter } from './dead-letter.js'
import { Losses } from './losses.js'
import { headOf } from './queue.js'
import { DeliveryCounters } from './stats.js'
import type { LogLine } from './types.js'

const line = (fields: Partial<LogLine>): LogLine => ({ level: 'error', time: '2026-01-01T00:00:00.000Z', eventId: `id-${Math.random()}`, ...fields })

function losses() {
  const reports: Record<string, unknown>[] = []
  const counters = new DeliveryCounters()
  const l = new Losses('logs', counters.for('logs'), new DeadLetter(join(mkdtempSync(join(tmpdir(), 'losses-')), 'dead')), (_level, _msg, fields) => void reports.push(fields ?? {}))
  return { l, reports, stats: counters.for('logs') }
}

describe('Losses', () => {
  it('counts a lost loss report without reporting it again, whether the line or only its head was kept', () => {
    const { l, reports, stats } = losses()
    const report = line({ event: 'linecast.delivery', outcome: 'dropped', count: 3 })
    const plain = line({ event: 'payment_failed' })
    const flushNote = line({ event: 'linecast.delivery', msg: 'flush left 2 line(s)' })
    l.drop(
      [
        { raw: JSON.stringify(report), line: report },
        { raw: JSON.stringify(report), head: headOf(report) },
        { raw: JSON.stringify(plain), head: headOf(plain) },
        { raw: JSON.stringify(flushNote), head: headOf(flushNote) },
      ],
      'spool full',
      'nowhere',
      'free disk',
    )
    expect(stats.dropped).toBe(4)
    // the two loss reports are counted, not reported: one report for the other two lines
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ destination: 'logs', outcome: 'dropped', count: 2 })
  })

  it('reports nothing when every lost line is a loss report', () => {
    const { l, reports, stats } = losses()
    const report = line({ event: 'linecast.delivery', outcome: 'dead_lettered' })
    l.drop([{ raw: JSON.stringify(report), head: headOf(report) }], 'spool full', 'nowhere', 'free disk')
    expect(stats.dropped).toBe(1)
    expect(reports).toEqual([])
  })
})
