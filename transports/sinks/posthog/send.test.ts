import { describe, expect, it } from 'vitest'
import { classifyPosthogAnswer } from './send.js'

describe('classifyPosthogAnswer', () => {
  it('maps statuses', () => {
    expect(classifyPosthogAnswer({ status: 200, headers: {} }, 3)).toEqual({ type: 'ok' })
    expect(classifyPosthogAnswer({ status: 503, headers: {} }, 3).type).toBe('retry')
    expect(classifyPosthogAnswer({ status: 429, headers: { 'retry-after': '4' } }, 3)).toMatchObject({ type: 'retryAfter', ms: 4000 })
    expect(classifyPosthogAnswer({ status: 400, headers: {} }, 3)).toEqual({ type: 'reject', reason: 'HTTP 400' })
    expect(classifyPosthogAnswer({ status: 401, headers: {} }, 3)).toMatchObject({ type: 'reject', loud: true, reason: expect.stringContaining('apiKey') as unknown })
  })

  it('splits a too-large batch, and rejects a single too-large event', () => {
    expect(classifyPosthogAnswer({ status: 413, headers: {} }, 4).type).toBe('split')
    expect(classifyPosthogAnswer({ status: 413, headers: {} }, 1).type).toBe('reject')
  })

  it('retries when nothing answered', () => {
    expect(classifyPosthogAnswer({ error: new TypeError('fetch failed') }, 2).type).toBe('retry')
    expect(classifyPosthogAnswer(undefined, 2).type).toBe('retry')
  })
})
