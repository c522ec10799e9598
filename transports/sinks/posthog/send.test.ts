import { describe, expect, it } from 'vitest'
import { classifyPosthogAnswer, readV1Results } from './answer.js'

const reply = (status: number, headers: Record<string, string> = {}, text = '') => ({ status, headers, text, body: Buffer.from(text) })

describe('classifyPosthogAnswer', () => {
  it('maps statuses', () => {
    expect(classifyPosthogAnswer(reply(200), 3)).toEqual({ type: 'ok' })
    expect(classifyPosthogAnswer(reply(503), 3).type).toBe('retry')
    expect(classifyPosthogAnswer(reply(429, { 'retry-after': '4' }), 3)).toMatchObject({ type: 'retryAfter', ms: 4000 })
    expect(classifyPosthogAnswer(reply(400), 3)).toEqual({ type: 'reject', reason: 'HTTP 400' })
    expect(classifyPosthogAnswer(reply(401), 3)).toMatchObject({ type: 'reject', loud: true, reason: expect.stringContaining('apiKey') as unknown })
  })

  it('splits a too-large batch, and rejects a single too-large event', () => {
    expect(classifyPosthogAnswer(reply(413), 4).type).toBe('split')
    expect(classifyPosthogAnswer(reply(413), 1).type).toBe('reject')
  })

  it('retries when nothing answered', () => {
    expect(classifyPosthogAnswer({ error: new TypeError('socket hang up') }, 2).type).toBe('retry')
  })
})

describe('readV1Results', () => {
  const items = [
    { uuids: ['a'], json: '{}' },
    { uuids: ['b', 'b-identify'], json: '{},{}' },
    { uuids: ['c'], json: '{}' },
    { uuids: ['d'], json: '{}' },
  ]

  it('sorts items into dropped (any message dropped) and retry; missing or unknown results are taken', () => {
    const body = { results: { a: { result: 'ok' }, 'b-identify': { result: 'drop', details: 'event too large' }, c: { result: 'retry' }, d: { result: 'something_new' } } }
    expect(readV1Results(JSON.stringify(body), items)).toEqual({ dropped: [{ index: 1, details: 'event too large' }], retry: [2] })
    expect(readV1Results('{}', items)).toEqual({ dropped: [], retry: [] })
  })

  it('says when the body is not a result map', () => {
    expect(readV1Results('ok', items)).toBeUndefined()
    expect(readV1Results('{"results":[1]}', items)).toBeUndefined()
  })
})
