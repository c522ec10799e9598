import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.js'
import { postJson, sendJson } from './post.js'

describe('postJson / sendJson', () => {
  let receiver: HttpReceiver
  beforeAll(async () => {
    receiver = await startHttpReceiver()
  })
  afterAll(async () => {
    await receiver.close()
  })

  it('posts JSON with the given headers, gzipped when asked', async () => {
    const reply = await postJson(`${receiver.url}/in`, [{ a: 1 }], { gzip: true, headers: { authorization: 'Bearer t' } })
    expect(reply.status).toBe(200)
    const req = receiver.requests.at(-1)
    expect(req?.url).toBe('/in')
    expect(req?.headers['content-type']).toBe('application/json')
    expect(req?.headers['content-encoding']).toBe('gzip')
    expect(req?.headers.authorization).toBe('Bearer t')
    expect(req?.json).toEqual([{ a: 1 }])
  })

  it('sends plain JSON without content-encoding when gzip is off', async () => {
    await postJson(receiver.url, { b: 2 })
    const req = receiver.requests.at(-1)
    expect(req?.headers['content-encoding']).toBeUndefined()
    expect(req?.text).toBe('{"b":2}')
  })

  it('classifies the answer', async () => {
    receiver.reply({ status: 429, headers: { 'retry-after': '3' }, body: 'slow down' })
    const { outcome, reply } = await sendJson(receiver.url, [])
    expect(outcome).toEqual({ type: 'retryAfter', ms: 3000, reason: 'HTTP 429: slow down' })
    expect(reply?.status).toBe(429)
  })

  it('turns a refused connection into a retry', async () => {
    const closed = await startHttpReceiver()
    const url = closed.url
    await closed.close()
    const { outcome, reply } = await sendJson(url, [])
    expect(outcome.type).toBe('retry')
    expect(reply).toBeUndefined()
  })

  it('turns an abort into a retry', async () => {
    receiver.reply({ hang: true })
    const controller = new AbortController()
    const pending = sendJson(receiver.url, [], { signal: controller.signal })
    await receiver.waitFor((reqs) => reqs.length > 0 && reqs.at(-1)?.text === '[]')
    controller.abort()
    const { outcome } = await pending
    expect(outcome).toMatchObject({ type: 'retry' })
    expect(outcome.type === 'retry' && outcome.reason).toMatch(/timeout/)
  })
})
