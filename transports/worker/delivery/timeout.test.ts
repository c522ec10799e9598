import { describe, expect, it } from 'vitest'
import { withTimeout } from './timeout.js'
import type { Outcome } from './types.js'

const never = (): Promise<Outcome> => new Promise<Outcome>(() => {})

describe('withTimeout', () => {
  it('turns a hanging send into a retry and aborts its signal', async () => {
    let seen: AbortSignal | undefined
    const send = withTimeout<string>((_b, signal) => {
      seen = signal
      return never()
    }, 20)
    const outcome = await send(['a'], new AbortController().signal)
    expect(outcome.type).toBe('retry')
    expect(outcome.type === 'retry' && outcome.reason).toMatch(/did not answer within 20 ms/)
    expect(seen?.aborted).toBe(true)
  })

  it('passes outcomes through and turns a thrown error into a retry', async () => {
    const ok = withTimeout<string>(async () => ({ type: 'ok' }), 1000)
    expect(await ok(['a'], new AbortController().signal)).toEqual({ type: 'ok' })
    const boom = withTimeout<string>(async () => {
      throw new Error('ECONNREFUSED')
    }, 1000)
    expect(await boom(['a'], new AbortController().signal)).toEqual({ type: 'retry', reason: 'ECONNREFUSED' })
  })

  it('ends at once with a retry when the parent aborts', async () => {
    const parent = new AbortController()
    const send = withTimeout<string>(() => never(), 10_000)
    const pending = send(['a'], parent.signal)
    parent.abort()
    expect(await pending).toEqual({ type: 'retry', reason: 'aborted' })
  })
})
