import { describe, expect, it } from 'vitest'
import { backoffDelay, deliverWithRetry, type RetryHooks } from './retry.js'
import type { Outcome } from './types.js'

const policy = { baseMs: 100, capMs: 1000, maxRetryAfterMs: 5000, quotaBackoffMs: 60_000 }
const FAR = Number.POSITIVE_INFINITY

function harness(answer: (batch: string[], call: number) => Outcome) {
  const log = { sent: [] as string[][], delivered: [] as number[], rejected: [] as [number[], string, boolean][], waits: [] as number[] }
  let call = 0
  const hooks: RetryHooks<string> = {
    policy,
    random: () => 0.5,
    send: async (batch) => {
      log.sent.push([...batch])
      return answer(batch, call++)
    },
    now: () => 0,
    sleep: async (ms) => {
      log.waits.push(ms)
      return true
    },
    onDelivered: (i) => void log.delivered.push(...i),
    onRejected: (i, reason, loud) => void log.rejected.push([i, reason, loud]),
    onRetry: () => {},
  }
  return { hooks, log }
}

describe('backoffDelay', () => {
  it('grows exponentially under full jitter and is capped', () => {
    const half = (): number => 0.5
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, half))).toEqual([50, 100, 200, 400, 500, 500])
    expect(backoffDelay(3, policy, () => 0)).toBe(0)
    expect(backoffDelay(3, policy, () => 0.999)).toBe(799)
  })
})

describe('deliverWithRetry', () => {
  it('retries transient failures with backoff until delivered', async () => {
    const { hooks, log } = harness((_, call) => (call < 3 ? { type: 'retry', reason: '500' } : { type: 'ok' }))
    await deliverWithRetry(['a', 'b'], [0, 1], hooks, new AbortController().signal, FAR)
    expect(log.waits).toEqual([50, 100, 200])
    expect(log.delivered).toEqual([0, 1])
  })

  it('honours retryAfter, clamped to the policy maximum', async () => {
    const { hooks, log } = harness((_, call) =>
      call === 0 ? { type: 'retryAfter', ms: 1200, reason: '429' } : call === 1 ? { type: 'retryAfter', ms: 60_000, reason: '429' } : { type: 'ok' },
    )
    await deliverWithRetry(['a'], [0], hooks, new AbortController().signal, FAR)
    expect(log.waits).toEqual([1200, 5000])
  })

  it('splits on 413, dead-letters the culprit alone and delivers the rest', async () => {
    const { hooks, log } = harness((batch) => (batch.includes('HUGE') ? { type: 'split', reason: '413' } : { type: 'ok' }))
    await deliverWithRetry(['a', 'b', 'HUGE', 'c'], [0, 1, 2, 3], hooks, new AbortController().signal, FAR)
    expect(log.delivered.sort()).toEqual([0, 1, 3])
    expect(log.rejected).toEqual([[[2], 'too large for the destination even alone: 413', false]])
    expect(log.sent).toEqual([['a', 'b', 'HUGE', 'c'], ['a', 'b'], ['HUGE', 'c'], ['HUGE'], ['c']])
  })

  it('rejects only the culprits and resends the rest', async () => {
    const { hooks, log } = harness((batch) => (batch.includes('bad') ? { type: 'reject', reason: '400', items: [batch.indexOf('bad')] } : { type: 'ok' }))
    await deliverWithRetry(['a', 'bad', 'c'], [10, 11, 12], hooks, new AbortController().signal, FAR)
    expect(log.rejected).toEqual([[[11], '400', false]])
    expect(log.delivered).toEqual([10, 12])
    expect(log.sent).toEqual([['a', 'bad', 'c'], ['a', 'c']])
  })

  it('rejects a whole batch on a loud refusal without retrying', async () => {
    const { hooks, log } = harness(() => ({ type: 'reject', reason: '403 bad token', loud: true }))
    await deliverWithRetry(['a', 'b'], [0, 1], hooks, new AbortController().signal, FAR)
    expect(log.sent).toHaveLength(1)
    expect(log.rejected).toEqual([[[0, 1], '403 bad token', true]])
  })

  it('hands the batch back once the signal aborts', async () => {
    const controller = new AbortController()
    const { hooks, log } = harness(() => {
      controller.abort()
      return { type: 'retry', reason: 'down' }
    })
    expect(await deliverWithRetry(['a'], [0], hooks, controller.signal, FAR)).toMatchObject({ indexes: [0] })
    expect(log.delivered).toEqual([])
  })

  it('gives up when the next wait would pass the end, saying how long the destination asked to rest', async () => {
    const { hooks, log } = harness(() => ({ type: 'retryAfter', ms: 3000, reason: '429' }))
    expect(await deliverWithRetry(['a', 'b'], [0, 1], hooks, new AbortController().signal, 1000)).toEqual({ indexes: [0, 1], reason: '429', restMs: 3000, quota: false })
    expect(log.sent).toHaveLength(1)
  })

  it('keeps lines refused with 402 for a long rest instead of rejecting them', async () => {
    const { hooks, log } = harness(() => ({ type: 'reject', reason: 'HTTP 402: quota exceeded', loud: true }))
    expect(await deliverWithRetry(['a'], [0], hooks, new AbortController().signal, FAR)).toEqual({ indexes: [0], reason: 'HTTP 402: quota exceeded', restMs: 60_000, quota: true })
    expect(log.rejected).toEqual([])
  })
})
