import { describe, expect, it } from 'vitest'
import { classifyEnvelopeResult } from './send.js'

const headers = (h: Record<string, string | null> = {}) => ({ 'x-sentry-rate-limits': null, 'retry-after': null, ...h })
const now = 1_000_000

describe('classifyEnvelopeResult', () => {
  it('maps status codes', () => {
    expect(classifyEnvelopeResult({ response: { statusCode: 200, headers: headers() } }, now, 0)).toEqual({ type: 'ok' })
    expect(classifyEnvelopeResult({ response: { statusCode: 500, headers: headers() } }, now, 0).type).toBe('retry')
    expect(classifyEnvelopeResult({ response: { statusCode: 400, headers: headers() } }, now, 0)).toEqual({ type: 'reject', reason: 'HTTP 400' })
    expect(classifyEnvelopeResult({ response: { statusCode: 403, headers: headers() } }, now, 0)).toMatchObject({ type: 'reject', loud: true })
    expect(classifyEnvelopeResult({ response: { statusCode: 413, headers: headers() } }, now, 0)).toMatchObject({ type: 'reject' })
  })

  it('waits what a 429 asks', () => {
    expect(classifyEnvelopeResult({ response: { statusCode: 429, headers: headers({ 'x-sentry-rate-limits': '42:error:key' }) } }, now, 0)).toMatchObject({
      type: 'retryAfter',
      ms: 42_000,
    })
    expect(classifyEnvelopeResult({ response: { statusCode: 429, headers: headers({ 'retry-after': '9' }) } }, now, 0)).toMatchObject({ ms: 9000 })
  })

  it('waits out a rate-limit window the SDK is still honouring', () => {
    expect(classifyEnvelopeResult({ response: {} }, now, now + 5000)).toMatchObject({ type: 'retryAfter', ms: 5000 })
    expect(classifyEnvelopeResult({ response: {} }, now, 0).type).toBe('retry')
  })

  it('retries a network error', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(classifyEnvelopeResult({ error }, now, 0)).toMatchObject({ type: 'retry' })
  })
})
