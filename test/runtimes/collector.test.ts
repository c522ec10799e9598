/**
 * The browser collector behind node:http, express and fastify: it takes the
 * tracker's body, checks each event against the catalog again, writes the
 * line with the request's context, and refuses (counted) what is too big, too
 * frequent, malformed, from an origin not allowed, or not a browser event.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserCollector, expressHttpLogging, fastifyBrowserCollector, type BrowserCollectorOptions } from '../../integrations/http/index.js'
import { createRuntimeProject, nodeLogger, PII_KEY, type RuntimeProject } from './project.js'

const hash = (value: string): string => createHmac('sha256', PII_KEY).update(value).digest('hex')

function checkout(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    event: 'checkout_viewed',
    time: new Date().toISOString(),
    properties: { cartId: 'c_1', total: 12, customer: { email: hash('ada@example.com'), country: 'FR' } },
    ...extra,
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
}

let project: RuntimeProject
const servers: Server[] = []
beforeAll(async () => {
  project = await createRuntimeProject()
})
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  project?.remove()
})

async function nodeCollector(options: Partial<BrowserCollectorOptions> = {}) {
  const logger = await nodeLogger(project)
  const handler = browserCollector(logger.log, { catalog: logger.catalog, contextFrom: () => ({ userId: 'u_7' }), ...options })
  const server = createServer(handler)
  servers.push(server)
  return { ...logger, handler, url: `${await listen(server)}/linecast/events` }
}

describe('browserCollector on node:http', () => {
  it('writes each browser event as a server line with runtime browser and the request context', async () => {
    const { url, out, handler } = await nodeCollector()
    const event = checkout()
    const response = await post(url, { events: [event] }, { 'x-request-id': 'req-abc' })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] })
    await handler.idle()
    expect(out.line).toMatchObject({
      level: 'info',
      service: 'shop',
      env: 'test',
      runtime: 'browser',
      eventId: event.eventId,
      event: 'checkout_viewed',
      kind: 'analytics',
      requestId: 'req-abc',
      userId: 'u_7',
      cartId: 'c_1',
      customer: { email: hash('ada@example.com'), country: 'FR' },
      msg: 'Checkout c_1 viewed',
    })
    expect(handler.stats()).toEqual({ accepted: 1, refused: { rate_limited: 0, too_large: 0, malformed: 0, invalid_event: 0 } })
  })

  it('validates again: an invalid, a raw-PII, a server-only and an unknown event are refused and written as invalid_event lines', async () => {
    const { url, out, handler } = await nodeCollector()
    const events = [
      checkout(),
      checkout({ properties: { cartId: 'c_2', total: -1, customer: { email: hash('x'), country: 'FR' } } }),
      checkout({ properties: { cartId: 'c_3', total: 1, customer: { email: 'ada@example.com', country: 'FR' } } }),
      checkout({ event: 'server_task_completed', properties: { count: 1 } }),
      checkout({ event: 'refund_issued', properties: {} }),
    ]
    const response = await post(url, { events })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { accepted: number; rejected: { event: string; issues: { path: string; code: string }[] }[] }
    expect(body.accepted).toBe(1)
    expect(body.rejected.map((r) => [r.event, r.issues[0]?.path, r.issues[0]?.code])).toEqual([
      ['checkout_viewed', 'total', 'too_small'],
      ['checkout_viewed', 'customer.email', 'raw_pii'],
      ['server_task_completed', '', 'unknown_event'],
      ['refund_issued', '', 'unknown_event'],
    ])
    await handler.idle()
    const invalid = out.lines.filter((l) => l.event === 'linecast.invalid_event')
    expect(invalid.map((l) => l.invalidEvent)).toEqual(['checkout_viewed', 'checkout_viewed', 'server_task_completed', 'refund_issued'])
    expect(JSON.stringify(invalid)).not.toContain('ada@example.com')
    expect(out.lines.filter((l) => l.event === 'checkout_viewed')).toHaveLength(1)
    expect(handler.stats().refused.invalid_event).toBe(4)
  })

  it('caps the body and the number of events, and refuses malformed bodies', async () => {
    const { url, handler, out } = await nodeCollector({ maxBodyBytes: 2048, maxEvents: 3 })
    expect((await post(url, { events: [checkout({ properties: { cartId: 'x'.repeat(4096), total: 1, customer: { email: hash('a'), country: 'FR' } } })] })).status).toBe(413)
    expect((await post(url, { events: [checkout(), checkout(), checkout(), checkout()] })).status).toBe(413)
    expect((await post(url, 'not json')).status).toBe(400)
    expect((await post(url, { nothing: true })).status).toBe(400)
    await handler.idle()
    expect(handler.stats().refused).toEqual({ rate_limited: 0, too_large: 5, malformed: 2, invalid_event: 0 })
    const report = out.lines.find((l) => l.collector === 'browser')
    expect(report).toMatchObject({ level: 'error', refused: { too_large: 1 } })
  })

  it('limits requests per client', async () => {
    const { url, handler } = await nodeCollector({ rateLimit: { requests: 2, windowMs: 60_000 } })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await post(url, { events: [checkout()] })).status)
    expect(statuses).toEqual([202, 202, 429, 429])
    expect(handler.stats()).toMatchObject({ accepted: 2, refused: { rate_limited: 2 } })
  })

  it('answers preflights for allowed origins and refuses other origins', async () => {
    const { url } = await nodeCollector({ cors: { origin: ['https://app.example.com'], credentials: true } })
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    const other = await post(url, { events: [checkout()] }, { origin: 'https://evil.example.com' })
    expect(other.status).toBe(403)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('browserCollector in express and fastify', () => {
  it('works as an express route, with the request context of expressHttpLogging', async () => {
    const { log, catalog, out } = await nodeLogger(project)
    const app = express()
    app.use(expressHttpLogging(log, { contextFrom: () => ({ userId: 'u_9' }) }))
    const collector = browserCollector(log, { catalog })
    app.post('/linecast/events', collector)
    const server = createServer(app)
    servers.push(server)
    const url = `${await listen(server)}/linecast/events`
    const response = await post(url, { events: [checkout()] }, { 'x-request-id': 'req-express' })
    expect(response.status).toBe(202)
    await collector.idle()
    expect(out.lines.find((l) => l.event === 'checkout_viewed')).toMatchObject({ runtime: 'browser', requestId: 'req-express', userId: 'u_9' })
  })

  it('works as a fastify route with the body fastify parsed', async () => {
    const { log, catalog, out } = await nodeLogger(project)
    const app = Fastify()
    const handler = fastifyBrowserCollector(log, { catalog })
    app.route({ method: ['POST', 'OPTIONS'], url: '/linecast/events', handler })
    await app.listen({ port: 0, host: '127.0.0.1' })
    servers.push(app.server)
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/linecast/events`
    const response = await post(url, { events: [checkout()] })
    expect(response.status).toBe(202)
    expect(handler.stats().accepted).toBe(1)
    expect(out.lines.find((l) => l.event === 'checkout_viewed')).toMatchObject({ runtime: 'browser', cartId: 'c_1' })
  })
})
