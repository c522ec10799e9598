import { describe, expect, it } from 'vitest'
import { probe } from './probe.js'

describe('probe', () => {
  it('reports a check that resolves as ok with its latency', async () => {
    const result = await probe(async () => 'fine', 1000)
    expect(result.ok).toBe(true)
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    expect(result).not.toHaveProperty('error')
  })

  it('reports a rejection or a throw with its message', async () => {
    expect(await probe(() => Promise.reject(new Error('connection refused')), 1000)).toMatchObject({ ok: false, error: 'connection refused' })
    expect(
      await probe(() => {
        throw new Error('sync failure')
      }, 1000),
    ).toMatchObject({ ok: false, error: 'sync failure' })
    expect(await probe(() => Promise.reject(new AggregateError([new Error('ECONNREFUSED 127.0.0.1:1')])), 1000)).toMatchObject({
      ok: false,
      error: 'ECONNREFUSED 127.0.0.1:1',
    })
  })

  it('gives up on a check that never answers', async () => {
    const result = await probe(() => new Promise(() => {}), 20)
    expect(result).toMatchObject({ ok: false, error: 'no answer within 20ms' })
  })
})
