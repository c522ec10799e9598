import { describe, expect, it } from 'vitest'
import { withContext } from '../../emitters/context.js'
import { enqueue, JOB_CONTEXT_KEY, readJobContext, withJobContext } from './enqueue.js'

describe('job context', () => {
  it('stores the scalar context fields, minus the per-run ones, under __linecast', () => {
    const data = { brandId: 'b1' }
    const stored = withContext({ requestId: 'r1', userId: 'u1', attempt: 2, jobId: 'j0', nested: { a: 1 }, vip: true }, () =>
      withJobContext(data),
    )
    expect(stored).toEqual({ brandId: 'b1', [JOB_CONTEXT_KEY]: { requestId: 'r1', userId: 'u1', vip: true } })
    expect(data).toEqual({ brandId: 'b1' })
  })

  it('leaves the data as is outside any context', () => {
    const data = { x: 1 }
    expect(withJobContext(data)).toBe(data)
  })

  it('reads back what was stored and tolerates any other data', () => {
    expect(readJobContext({ __linecast: { requestId: 'r', jobId: 'drop', deep: {} } })).toEqual({ requestId: 'r' })
    for (const data of [undefined, null, 'text', 42, [], { __linecast: 'x' }, { __linecast: [1] }]) expect(readJobContext(data)).toEqual({})
  })

  it('enqueue adds the job with the context in its data', async () => {
    const calls: unknown[][] = []
    const queue = { add: async (...args: unknown[]) => (calls.push(args), 'job') }
    const result = await withContext({ requestId: 'r9' }, () => enqueue(queue, 'send_email', { to: 'a' }, { attempts: 2 }))
    expect(result).toBe('job')
    expect(calls).toEqual([['send_email', { to: 'a', __linecast: { requestId: 'r9' } }, { attempts: 2 }]])
  })
})
