import { describe, expect, it } from 'vitest'
import { startTimer } from './timer.js'

function clock(...ticks: number[]): () => number {
  let i = 0
  return () => {
    const t = ticks[Math.min(i, ticks.length - 1)] as number
    i += 1
    return t
  }
}

describe('startTimer', () => {
  it('returns the time since the previous lap and the total with every lap at the end', () => {
    const t = startTimer('pipeline', { now: clock(100, 130, 180, 181, 200) })
    expect(t.lap('prompt')).toBe(30)
    expect(t.lap('render')).toBe(50)
    expect(t.lap('upload')).toBe(1)
    expect(t.end()).toEqual({
      name: 'pipeline',
      totalMs: 100,
      laps: [
        { label: 'prompt', ms: 30 },
        { label: 'render', ms: 50 },
        { label: 'upload', ms: 1 },
      ],
    })
  })

  it('keeps the first result once ended and records no later lap', () => {
    const t = startTimer('once', { now: clock(0, 10, 99, 500) })
    expect(t.lap('a')).toBe(10)
    const first = t.end()
    expect(t.lap('late')).toBe(0)
    expect(t.end()).toEqual(first)
    expect(t.elapsed()).toBe(99)
  })

  it('uses the monotonic clock by default', () => {
    const t = startTimer('real')
    const ms = t.lap('x')
    expect(ms).toBeGreaterThanOrEqual(0)
    expect(t.end().totalMs).toBeGreaterThanOrEqual(ms)
  })
})
