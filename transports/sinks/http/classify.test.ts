import { describe, expect, it } from 'vitest'
import { classifyHttpResponse, classifyNetworkError } from './classify.js'

const none = new Headers()

describe('classifyHttpResponse', () => {
  it('treats every 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204]) expect(classifyHttpResponse(status, none)).toEqual({ type: 'ok' })
  })

  it('retries 408 and 5xx', () => {
    for (const status of [408, 500, 502, 503, 504]) expect(classifyHttpResponse(status, none).type).toBe('retry')
  })

  it('waits the Retry-After seconds on 429 and 503', () => {
    expect(classifyHttpResponse(429, new Headers({ 'retry-after': '7' }))).toMatchObject({ type: 'retryAfter', ms: 7000 })
    expect(classifyHttpResponse(503, { 'retry-after': '2' })).toMatchObject({ type: 'retryAfter', ms: 2000 })
  })

  it('waits until a Retry-After HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    const outcome = classifyHttpResponse(429, { 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, { now })
    expect(outcome).toMatchObject({ type: 'retryAfter', ms: 30_000 })
  })

  it('retries a 429 without a readable Retry-After with backoff', () => {
    expect(classifyHttpResponse(429, none).type).toBe('retry')
    expect(classifyHttpResponse(429, { 'retry-after': 'soon' }).type).toBe('retry')
  })

  it('splits on 413', () => {
    expect(classifyHttpResponse(413, none).type).toBe('split')
  })

  it('rejects 401, 402 and 403 loudly', () => {
    for (const status of [401, 402, 403]) expect(classifyHttpResponse(status, none)).toMatchObject({ type: 'reject', loud: true })
  })

  it('rejects other 4xx quietly and quotes the body', () => {
    const outcome = classifyHttpResponse(400, none, { body: 'invalid_payload' })
    expect(outcome).toEqual({ type: 'reject', reason: 'HTTP 400: invalid_payload' })
    expect(classifyHttpResponse(404, none)).toEqual({ type: 'reject', reason: 'HTTP 404' })
  })

  it('shortens a long body in the reason', () => {
    const outcome = classifyHttpResponse(500, none, { body: 'x'.repeat(1000) })
    expect(outcome.type === 'retry' && outcome.reason.length).toBeLessThan(220)
  })
})

describe('classifyNetworkError', () => {
  it('retries with the cause code', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
    expect(classifyNetworkError(error)).toEqual({ type: 'retry', reason: 'network error (ECONNREFUSED): connect ECONNREFUSED' })
  })

  it('says timeout when the signal aborted', () => {
    const controller = new AbortController()
    controller.abort()
    const outcome = classifyNetworkError(new Error('aborted'), controller.signal)
    expect(outcome.type === 'retry' && outcome.reason).toMatch(/timeout/)
  })
})
