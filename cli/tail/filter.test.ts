import { describe, expect, it } from 'vitest'
import { createFilter } from './filter.js'
import { parseLine, type TailLine } from './line.js'
import { parseWhere } from './where.js'

const lines = [
  { level: 'info', event: 'logo_generated', kind: 'analytics', requestId: 'r1', cost: 0.06 },
  { level: 'warn', event: 'logo_failed', kind: 'error', requestId: 'r2' },
  { level: 50, msg: 'plain pino error from another logger' },
  { level: 'info', event: 'job_started', kind: 'analytics', requestId: 'r1', jobId: 'j1' },
  { level: 'info', event: 'ai_cost', kind: 'cost', jobId: 'j1', cost: 0.02, model: 'flux-2-pro' },
  { level: 'info', event: 'ai_cost', kind: 'cost', jobId: 'j2', cost: 0.09, model: 'gpt-5' },
  { level: 'error', event: 'linecast.invalid_event', invalidEvent: 'logo_generated', issues: [] },
].map((record) => parseLine(JSON.stringify(record)))
const raw = parseLine('listening on :3000')

function names(filter: (line: TailLine) => boolean, input: TailLine[] = lines): string[] {
  return input.filter(filter).map((line) => (line.type === 'record' ? String(line.record.event ?? line.record.msg) : line.text))
}

describe('tail filters', () => {
  it('passes everything, raw text included, when nothing is filtered', () => {
    expect(names(createFilter({}), [...lines, raw])).toHaveLength(lines.length + 1)
  })

  it('matches event globs, OR between repeats, invalid events by their emitted name', () => {
    expect(names(createFilter({ events: ['logo_*'] }))).toEqual(['logo_generated', 'logo_failed', 'linecast.invalid_event'])
    expect(names(createFilter({ events: ['job_?tarted', 'ai_cost'] }))).toEqual(['job_started', 'ai_cost', 'ai_cost'])
  })

  it('keeps lines at or above a level, numeric pino levels included', () => {
    expect(names(createFilter({ level: 'warn' }))).toEqual([
      'logo_failed',
      'plain pino error from another logger',
      'linecast.invalid_event',
    ])
  })

  it('filters by kind', () => {
    expect(names(createFilter({ kinds: ['cost'] }))).toEqual(['ai_cost', 'ai_cost'])
  })

  it('follows one request into the jobs it started', () => {
    expect(names(createFilter({ request: 'r1' }))).toEqual(['logo_generated', 'job_started', 'ai_cost'])
  })

  it('compares numbers numerically and strings as text', () => {
    expect(names(createFilter({ where: [parseWhere('cost>0.05')] }))).toEqual(['logo_generated', 'ai_cost'])
    expect(names(createFilter({ where: [parseWhere('model~flux')] }))).toEqual(['ai_cost'])
    expect(names(createFilter({ where: [parseWhere('requestId!=r1')] }))).toHaveLength(5)
  })

  it('combines filters with AND and hides raw text while filtering', () => {
    const filter = createFilter({ kinds: ['cost'], where: [parseWhere('cost<=0.05')], request: 'r1' })
    expect(names(filter, [...lines, raw])).toEqual(['ai_cost'])
  })

  it('rejects a where clause without an operator, saying how to write one', () => {
    expect(() => parseWhere('cost')).toThrow(/cost>0.05/)
  })
})
