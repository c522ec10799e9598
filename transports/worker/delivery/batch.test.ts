import { describe, expect, it } from 'vitest'
import { batchDueIn, cutBatch } from './batch.js'
import { ByteQueue, type Entry } from './queue.js'

const limits = { maxItems: 3, maxBytes: 10, lingerMs: 100 }
const entry = (raw: string, at = 0): Entry => ({ raw, head: { level: 'info', time: 't', eventId: raw }, seq: 1, at })

function queueOf(...raws: string[]): ByteQueue {
  const q = new ByteQueue(100)
  for (const r of raws) q.offer(entry(r))
  return q
}

describe('batch', () => {
  it('is due by count', () => {
    expect(batchDueIn(queueOf('a', 'b'), 10, limits, false)).toBe(90)
    expect(batchDueIn(queueOf('a', 'b', 'c'), 10, limits, false)).toBe(0)
  })
  it('is due by bytes', () => {
    expect(batchDueIn(queueOf('aaaaaaaaaaa'), 10, limits, false)).toBe(0)
  })
  it('is due when the oldest line waited, at once when urgent, never when empty', () => {
    expect(batchDueIn(queueOf('a'), 150, limits, false)).toBe(0)
    expect(batchDueIn(queueOf('a'), 10, limits, true)).toBe(0)
    expect(batchDueIn(queueOf(), 10, limits, true)).toBeUndefined()
  })
  it('cuts at most maxItems and maxBytes, but at least one line', () => {
    const q = queueOf('aaaa', 'bbbb', 'cccc', 'd', 'eeeeeeeeeeeeeeeee')
    const raws = (b: Entry[]): string[] => b.map((e) => e.raw)
    expect(raws(cutBatch(q, limits))).toEqual(['aaaa', 'bbbb'])
    expect(raws(cutBatch(q, limits))).toEqual(['cccc', 'd'])
    expect(raws(cutBatch(q, limits))).toEqual(['eeeeeeeeeeeeeeeee'])
    expect(cutBatch(q, limits)).toEqual([])
  })
  it('bounds the queue in bytes, but always takes one line', () => {
    const q = new ByteQueue(10)
    expect(q.offer(entry('x'.repeat(50)))).toBe(true)
    expect(q.offer(entry('y'))).toBe(false)
    q.shift()
    expect(q.offer(entry('y'.repeat(6)))).toBe(true)
    expect(q.offer(entry('z'.repeat(6)))).toBe(false)
    expect(q.bytes).toBe(6)
  })
})
