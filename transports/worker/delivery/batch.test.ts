import { describe, expect, it } from 'vitest'
import { batchDueIn, cutBatch } from './batch.js'
import { BoundedQueue } from './queue.js'

const limits = { maxItems: 3, maxBytes: 10, intervalMs: 100 }
const size = (s: string): number => s.length

function queueOf(...items: string[]): BoundedQueue<string> {
  const q = new BoundedQueue<string>(100, size)
  for (const i of items) q.offer(i)
  return q
}

describe('batch', () => {
  it('is due by count', () => {
    expect(batchDueIn(queueOf('a', 'b'), 0, 10, limits, false)).toBe(90)
    expect(batchDueIn(queueOf('a', 'b', 'c'), 0, 10, limits, false)).toBe(0)
  })
  it('is due by bytes', () => {
    expect(batchDueIn(queueOf('aaaaaaaaaaa'), 0, 10, limits, false)).toBe(0)
  })
  it('is due by interval, at once when urgent, never when empty', () => {
    expect(batchDueIn(queueOf('a'), 0, 150, limits, false)).toBe(0)
    expect(batchDueIn(queueOf('a'), 0, 10, limits, true)).toBe(0)
    expect(batchDueIn(queueOf(), 0, 10, limits, true)).toBeUndefined()
  })
  it('cuts at most maxItems and maxBytes, but at least one line', () => {
    const q = queueOf('aaaa', 'bbbb', 'cccc', 'd', 'eeeeeeeeeeeeeeeee')
    expect(cutBatch(q, limits, size)).toEqual(['aaaa', 'bbbb'])
    expect(cutBatch(q, limits, size)).toEqual(['cccc', 'd'])
    expect(cutBatch(q, limits, size)).toEqual(['eeeeeeeeeeeeeeeee'])
    expect(q.length).toBe(0)
    const many = queueOf('1', '2', '3', '4')
    expect(cutBatch(many, limits, size)).toEqual(['1', '2', '3'])
  })
})

describe('BoundedQueue', () => {
  it('refuses past capacity and tracks bytes', () => {
    const q = new BoundedQueue<string>(2, size)
    expect(q.offer('ab')).toBe(true)
    expect(q.offer('c')).toBe(true)
    expect(q.offer('d')).toBe(false)
    expect(q.bytes).toBe(3)
    expect(q.shift()).toBe('ab')
    expect(q.bytes).toBe(1)
    q.pushAll(['x', 'y'])
    expect(q.drain()).toEqual(['c', 'x', 'y'])
    expect(q.length).toBe(0)
  })
  it('stays FIFO across compaction', () => {
    const q = new BoundedQueue<number>(10_000)
    for (let i = 0; i < 5000; i++) q.offer(i)
    for (let i = 0; i < 3000; i++) expect(q.shift()).toBe(i)
    for (let i = 5000; i < 6000; i++) q.offer(i)
    expect(q.drain()).toEqual(Array.from({ length: 3000 }, (_, i) => i + 3000))
  })
})
