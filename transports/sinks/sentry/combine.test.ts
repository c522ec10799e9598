import { describe, expect, it } from 'vitest'
import { worstOutcome } from './combine.js'

describe('worstOutcome', () => {
  it('is ok when every event is', () => {
    expect(worstOutcome([{ type: 'ok' }, { type: 'ok' }])).toEqual({ type: 'ok' })
    expect(worstOutcome([])).toEqual({ type: 'ok' })
  })

  it('rejects only the culprit indexes', () => {
    expect(
      worstOutcome([{ type: 'ok' }, { type: 'reject', reason: 'HTTP 400' }, { type: 'ok' }, { type: 'reject', reason: 'HTTP 413' }]),
    ).toEqual({ type: 'reject', reason: 'HTTP 400; HTTP 413', items: [1, 3] })
  })

  it('retries the batch when any event must be retried, waiting the longest asked', () => {
    expect(
      worstOutcome([
        { type: 'reject', reason: 'HTTP 400' },
        { type: 'retry', reason: 'HTTP 500' },
        { type: 'retryAfter', ms: 1000, reason: 'a' },
        { type: 'retryAfter', ms: 5000, reason: 'b' },
      ]),
    ).toEqual({ type: 'retryAfter', ms: 5000, reason: 'b' })
    expect(worstOutcome([{ type: 'ok' }, { type: 'retry', reason: 'HTTP 502' }])).toEqual({ type: 'retry', reason: 'HTTP 502' })
  })

  it('puts an account problem above everything', () => {
    expect(worstOutcome([{ type: 'retry', reason: 'x' }, { type: 'reject', reason: 'HTTP 403', loud: true }])).toEqual({
      type: 'reject',
      reason: 'HTTP 403',
      loud: true,
    })
  })
})
