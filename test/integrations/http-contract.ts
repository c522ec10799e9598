/**
 * The behaviour every HTTP adapter (Express, Fastify, node:http) must have,
 * run against a real server on a free port with real requests. Each adapter's
 * test builds an app with the same routes:
 *   GET  /brands/:id   awaits, emits brand_viewed, 200 { id }
 *   POST /echo         JSON body, awaits, emits brand_viewed, 200 body
 *   GET  /missing      404
 *   GET  /unavailable  503 (answered, not thrown)
 *   GET  /moved        302
 *   GET  /boom         throws Error('boom sk_live_…')  (async, after an await)
 *   GET  /teapot       throws an error with status 418
 *   GET  /health       200
 */
import type { IncomingHttpHeaders, Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { LinecastLogger } from '../../emitters/index.js'
import type { RequestUser } from '../../integrations/http/index.js'
import { captureLogger, expectCatalogShape, linesOf, listen, UUID, waitForLines, type HttpTestEvents } from './http-fixtures.js'

export const SECRET = 'sk_live_abcdef1234567890'

export interface AppOptions {
  env: string
  contextFrom: (req: { headers: IncomingHttpHeaders }) => RequestUser
}

export type BuildApp = (log: LinecastLogger<HttpTestEvents>, options: AppOptions) => Promise<Server>

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name]
  return typeof v === 'string' ? v : undefined
}

export const contextFromHeaders = (req: { headers: IncomingHttpHeaders }): RequestUser => ({
  userId: header(req.headers, 'x-user-id'),
  tenantId: header(req.headers, 'x-tenant-id'),
  brandId: header(req.headers, 'x-brand-id'),
})

/** After one await: the context must have survived it. */
export async function viewBrand(log: LinecastLogger<HttpTestEvents>, page: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1))
  await Promise.resolve()
  log.emit.brandViewed({ page })
}

export async function failAfterAwait(): Promise<never> {
  await new Promise((resolve) => setImmediate(resolve))
  throw new Error(`boom ${SECRET}`)
}

export function teapot(): Error & { status: number } {
  return Object.assign(new Error('short and stout'), { status: 418 })
}

export function httpContract(framework: string, build: BuildApp, expectations: { route: boolean }): void {
  describe(`${framework}: request lines and correlation`, () => {
    let close: (() => Promise<void>) | undefined
    afterEach(async () => {
      await close?.()
      close = undefined
    })

    async function start(env = 'test') {
      const { log, out } = captureLogger(env)
      const server = await build(log, { env, contextFrom: contextFromHeaders })
      const listening = await listen(server)
      close = listening.close
      return { out, url: listening.url }
    }

    it('writes one info http_request line with the request fields and echoes a new request id', async () => {
      const { out, url } = await start()
      const res = await fetch(`${url}/brands/b_7?token=${SECRET}&x=1`, {
        headers: { 'x-user-id': 'u_1', 'x-tenant-id': 't_1', 'x-brand-id': 'b_7', 'user-agent': 'contract-test' },
      })
      expect(res.status).toBe(200)
      const requestId = res.headers.get('x-request-id')
      expect(requestId).toMatch(UUID)
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      const line = linesOf(lines, 'http_request')[0]!
      expect(line).toMatchObject({
        level: 'info',
        event: 'http_request',
        kind: 'metric',
        method: 'GET',
        url: '/brands/b_7?token=[REDACTED]&x=1',
        statusCode: 200,
        requestId,
        userId: 'u_1',
        tenantId: 't_1',
        brandId: 'b_7',
        userAgent: 'contract-test',
        msg: 'GET /brands/b_7?token=[REDACTED]&x=1 200 in ' + String(line.responseTime) + 'ms',
      })
      const keys = ['level', 'time', 'service', 'env', 'eventId', 'event', 'kind', 'requestId', 'userId', 'tenantId', 'brandId']
      keys.push('method', 'url', 'statusCode', 'responseTime', 'userAgent', 'msg', ...(expectations.route ? ['route'] : []))
      expect(Object.keys(line).sort()).toEqual(keys.sort())
      expect(typeof line.responseTime).toBe('number')
      expect(line.responseTime as number).toBeGreaterThanOrEqual(0)
      if (expectations.route) expect(line.route).toBe('/brands/:id')
      else expect(line).not.toHaveProperty('route')
      expect(out.text).not.toContain(SECRET)
      expectCatalogShape(line)
    })

    it('carries the request id and user on an emit made inside the handler after awaits', async () => {
      const { out, url } = await start()
      const res = await fetch(`${url}/brands/b_8`, { headers: { 'x-user-id': 'u_2' } })
      expect(res.status).toBe(200)
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      const viewed = linesOf(lines, 'brand_viewed')
      expect(viewed).toHaveLength(1)
      expect(viewed[0]).toMatchObject({ event: 'brand_viewed', page: 'b_8', requestId: res.headers.get('x-request-id'), userId: 'u_2' })
    })

    it('keeps the context through a JSON body read', async () => {
      const { out, url } = await start()
      const res = await fetch(`${url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-body-1' },
        body: JSON.stringify({ page: 'posted' }),
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ page: 'posted' })
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      expect(linesOf(lines, 'brand_viewed')).toMatchObject([{ page: 'posted', requestId: 'req-body-1' }])
      expect(linesOf(lines, 'http_request')).toMatchObject([{ method: 'POST', url: '/echo', statusCode: 200, requestId: 'req-body-1' }])
    })

    it('honours a valid X-Request-Id and replaces an invalid one', async () => {
      const { out, url } = await start()
      const kept = await fetch(`${url}/brands/b_1`, { headers: { 'x-request-id': 'req-from-gateway-42' } })
      expect(kept.headers.get('x-request-id')).toBe('req-from-gateway-42')
      const replaced = await fetch(`${url}/brands/b_2`, { headers: { 'x-request-id': 'x'.repeat(129) } })
      const fresh = replaced.headers.get('x-request-id')
      expect(fresh).toMatch(UUID)
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 2)
      expect(linesOf(lines, 'http_request').map((l) => l.requestId).sort()).toEqual(['req-from-gateway-42', fresh].sort())
    })

    it('sets the level by status: 4xx warn, 5xx error, 3xx not written', async () => {
      const { out, url } = await start()
      expect((await fetch(`${url}/moved`, { redirect: 'manual' })).status).toBe(302)
      expect((await fetch(`${url}/missing`)).status).toBe(404)
      expect((await fetch(`${url}/unavailable`)).status).toBe(503)
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 2)
      const byUrl = Object.fromEntries(linesOf(lines, 'http_request').map((l) => [l.url, l]))
      expect(byUrl['/missing']).toMatchObject({ level: 'warn', statusCode: 404 })
      expect(byUrl['/unavailable']).toMatchObject({ level: 'error', statusCode: 503 })
      expect(byUrl['/moved']).toBeUndefined()
      for (const line of linesOf(lines, 'http_request')) expectCatalogShape(line)
    })

    it('does not log /health', async () => {
      const { out, url } = await start()
      expect((await fetch(`${url}/health`)).status).toBe(200)
      expect((await fetch(`${url}/missing`)).status).toBe(404)
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      expect(linesOf(lines, 'http_request')).toMatchObject([{ url: '/missing' }])
    })
  })

  describe(`${framework}: error handler`, () => {
    let close: (() => Promise<void>) | undefined
    afterEach(async () => {
      await close?.()
      close = undefined
    })

    async function start(env: string) {
      const { log, out } = captureLogger(env)
      const listening = await listen(await build(log, { env, contextFrom: contextFromHeaders }))
      close = listening.close
      return { out, url: listening.url }
    }

    it('answers 500 with the message, request id and stack in development, and writes one unhandled_error line', async () => {
      const { out, url } = await start('development')
      const res = await fetch(`${url}/boom?id=1`, { headers: { 'x-request-id': 'req-boom', 'x-user-id': 'u_9' } })
      expect(res.status).toBe(500)
      expect(res.headers.get('x-request-id')).toBe('req-boom')
      const body = (await res.json()) as Record<string, unknown>
      expect(body).toMatchObject({ error: 'boom [REDACTED]', requestId: 'req-boom' })
      expect(body.stack).toEqual(expect.stringContaining('failAfterAwait'))
      expect(JSON.stringify(body)).not.toContain(SECRET)

      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      const errors = linesOf(lines, 'unhandled_error')
      expect(errors).toHaveLength(1)
      const line = errors[0]!
      expect(line).toMatchObject({
        level: 'error',
        kind: 'error',
        method: 'GET',
        url: '/boom?id=1',
        statusCode: 500,
        requestId: 'req-boom',
        userId: 'u_9',
        err: { type: 'Error', message: 'boom [REDACTED]' },
      })
      expect(line.route).toBe('/boom')
      expect((line.err as { stack: string }).stack).toContain('failAfterAwait')
      expectCatalogShape(line)
      expect(linesOf(lines, 'http_request')).toMatchObject([{ level: 'error', statusCode: 500, requestId: 'req-boom' }])
      expect(out.text).not.toContain(SECRET)
    })

    it('answers a generic 500 without a stack in production', async () => {
      const { out, url } = await start('production')
      const res = await fetch(`${url}/boom`)
      expect(res.status).toBe(500)
      const body = (await res.json()) as Record<string, unknown>
      expect(body).toEqual({ error: 'Internal Server Error', requestId: res.headers.get('x-request-id') })
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      expect(linesOf(lines, 'unhandled_error')).toMatchObject([{ err: { message: 'boom [REDACTED]' } }])
    })

    it('answers an error status below 500 with its message and writes no error line', async () => {
      const { out, url } = await start('production')
      const res = await fetch(`${url}/teapot`)
      expect(res.status).toBe(418)
      expect(await res.json()).toEqual({ error: 'short and stout', requestId: res.headers.get('x-request-id') })
      const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
      expect(linesOf(lines, 'unhandled_error')).toHaveLength(0)
      expect(linesOf(lines, 'http_request')).toMatchObject([{ level: 'warn', statusCode: 418 }])
    })
  })
}
