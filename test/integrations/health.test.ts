/**
 * Health and readiness against the machine's Redis and Postgres, a real
 * BullMQ queue, and deliberately wrong ports for the failures.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import express from 'express'
import Fastify from 'fastify'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../emitters/index.js'
import { createHealthChecks, expressHealthRoutes, fastifyHealthRoutes, type HealthChecks } from '../../integrations/health/index.js'
import { catalog } from '../../generated/events.js'
import { CaptureStream } from '../emitters/capture.js'
import { DATABASE_URL, REDIS_URL, requireService } from '../support/services.js'
import { listen } from './http-fixtures.js'

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let redis: Redis
let postgres: pg.Pool
let queue: Queue
const closers: (() => Promise<unknown>)[] = []

beforeAll(async () => {
  await requireService('redis')
  await requireService('postgres')
  redis = new Redis(REDIS_URL)
  postgres = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
  queue = new Queue(`health-test-${randomUUID()}`, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }) })
  await queue.add('render', { n: 1 })
  await queue.add('render', { n: 2 })
  await queue.add('later', { n: 3 }, { delay: 60_000 })
})

afterAll(async () => {
  await queue?.obliterate({ force: true })
  await queue?.close()
  for (const close of closers) await close()
  redis?.disconnect()
  await postgres?.end()
})

describe('readiness of the logger\'s Sentry destination', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linecast-health-sentry-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** The shipped catalog's logger, delivering to its sentry destination only. */
  function sentryLogger(vars: Record<string, string>) {
    const log = createLogger({
      catalog,
      destination: new CaptureStream(),
      env: 'production',
      vars: { PII_HASH_KEY: 'k', ...vars },
      delivery: { destinations: ['sentry'], spoolDir: join(dir, randomUUID()), deadLetterDir: join(dir, randomUUID()), handleSignals: false },
    })
    closers.push(() => log.close())
    return log
  }

  it('is ready when the transport has the sentry destination on (no Sentry.init in this thread)', async () => {
    const log = sentryLogger({ SENTRY_DSN: 'http://public@127.0.0.1:9/1' })
    const answer = await createHealthChecks({ version: '1', sentry: log, timeoutMs: 10_000 }).ready()
    expect(answer.body.checks.sentry).toMatchObject({ ok: true })
    expect(answer.statusCode).toBe(200)
  })

  it('is not ready when the destination is off, saying why', async () => {
    const log = sentryLogger({})
    const answer = await createHealthChecks({ version: '1', sentry: log, timeoutMs: 10_000 }).ready()
    expect(answer.statusCode).toBe(503)
    expect(answer.body.checks.sentry).toMatchObject({ ok: false, error: 'the "sentry" destination is off: missing SENTRY_DSN' })
  })

  it('names a sentryDestination the catalog lacks', async () => {
    const log = sentryLogger({ SENTRY_DSN: 'http://public@127.0.0.1:9/1' })
    const answer = await createHealthChecks({ version: '1', sentry: log, sentryDestination: 'errors', timeoutMs: 10_000 }).ready()
    expect(answer.statusCode).toBe(503)
    expect(answer.body.checks.sentry?.error).toContain('no destination "errors"')
  })
})

describe('createHealthChecks', () => {
  it('reports health without touching a dependency', () => {
    const checks = createHealthChecks({ version: '1.2.3', redis: { ping: () => Promise.reject(new Error('down')) } })
    const body = checks.health()
    expect(body).toMatchObject({ status: 'ok', version: '1.2.3' })
    expect(Date.parse(body.timestamp)).not.toBeNaN()
    expect(body.uptime).toBeGreaterThan(0)
  })

  it('is ready when Redis, Postgres and Sentry answer, with the queue counts', async () => {
    const checks = createHealthChecks({ version: '1.2.3', redis, postgres, sentry: () => true, queues: [queue] })
    const answer = await checks.ready()
    expect(answer.statusCode).toBe(200)
    expect(answer.body).toMatchObject({
      status: 'ready',
      version: '1.2.3',
      checks: { redis: { ok: true }, postgres: { ok: true }, sentry: { ok: true } },
      queues: { [queue.name]: { waiting: 2, active: 0, completed: 0, failed: 0, delayed: 1 } },
    })
    for (const check of Object.values(answer.body.checks)) expect(typeof check.latencyMs).toBe('number')
  })

  it('is not ready when Redis is on a wrong port, naming redis and its error', async () => {
    const wrong = new Redis({ host: '127.0.0.1', port: await closedPort(), lazyConnect: true, maxRetriesPerRequest: 0 })
    wrong.on('error', () => {})
    closers.push(async () => wrong.disconnect())
    const checks = createHealthChecks({ version: '1.2.3', redis: wrong, postgres, timeoutMs: 1000 })
    const answer = await checks.ready()
    expect(answer.statusCode).toBe(503)
    expect(answer.body.status).toBe('not_ready')
    expect(answer.body.checks.postgres).toMatchObject({ ok: true })
    expect(answer.body.checks.redis).toMatchObject({ ok: false, error: expect.any(String) })
    expect(answer.body.checks.redis!.error).not.toBe('')
  })

  it('is not ready when Postgres is on a wrong port, with a timeout per check', async () => {
    const wrong = new pg.Pool({ host: '127.0.0.1', port: await closedPort(), user: 'postgres', database: 'test' })
    closers.push(() => wrong.end())
    const answer = await createHealthChecks({ version: '1', redis, postgres: wrong }).ready()
    expect(answer.statusCode).toBe(503)
    expect(answer.body.checks).toMatchObject({ redis: { ok: true }, postgres: { ok: false, error: expect.stringContaining('ECONNREFUSED') } })
  })

  it('times a hung check out without waiting for it', async () => {
    const answer = await createHealthChecks({ version: '1', postgres: { query: () => new Promise(() => {}) }, timeoutMs: 50 }).ready()
    expect(answer.body.checks.postgres).toMatchObject({ ok: false, error: 'no answer within 50ms' })
  })

  it('is not ready when Sentry is configured but has no client', async () => {
    const answer = await createHealthChecks({ version: '1', sentry: true }).ready()
    expect(answer.statusCode).toBe(503)
    expect(answer.body.checks.sentry).toMatchObject({ ok: false, error: expect.stringContaining('no Sentry client') })
    expect((await createHealthChecks({ version: '1', sentry: () => false }).ready()).statusCode).toBe(503)
  })

  it('is not ready when an async Sentry check resolves to false', async () => {
    const answer = await createHealthChecks({ version: '1', sentry: async () => false }).ready()
    expect(answer.statusCode).toBe(503)
    expect(answer.body.checks.sentry).toMatchObject({ ok: false, error: 'the Sentry check returned false' })
  })

  it('reports a queue whose counts cannot be read without deciding readiness', async () => {
    const broken = { name: 'broken', getJobCounts: () => Promise.reject(new Error('NOPERM')) }
    const answer = await createHealthChecks({ version: '1', redis, queues: [broken] }).ready()
    expect(answer.statusCode).toBe(200)
    expect(answer.body.queues).toEqual({ broken: { error: 'NOPERM' } })
  })
})

function adapterSuite(name: string, serve: (checks: HealthChecks) => Promise<{ url: string; close: () => Promise<void> }>): void {
  describe(`${name} routes`, () => {
    it('answers /health 200 and /ready 200 with real services', async () => {
      const { url, close } = await serve(createHealthChecks({ version: '9.9.9', redis, postgres }))
      closers.push(close)
      const health = await fetch(`${url}/health`)
      expect(health.status).toBe(200)
      expect(health.headers.get('cache-control')).toBe('no-store')
      expect(await health.json()).toMatchObject({ status: 'ok', version: '9.9.9' })
      const ready = await fetch(`${url}/ready`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: { ok: true }, postgres: { ok: true } } })
    })

    it('answers /ready 503 naming redis when Redis is on a wrong port', async () => {
      const wrong = new Redis({ host: '127.0.0.1', port: await closedPort(), lazyConnect: true, maxRetriesPerRequest: 0 })
      wrong.on('error', () => {})
      closers.push(async () => wrong.disconnect())
      const { url, close } = await serve(createHealthChecks({ version: '9.9.9', redis: wrong, postgres, timeoutMs: 1000 }))
      closers.push(close)
      const ready = await fetch(`${url}/ready`)
      expect(ready.status).toBe(503)
      const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> }
      expect(body.status).toBe('not_ready')
      expect(body.checks.redis).toMatchObject({ ok: false, error: expect.any(String) })
      expect(body.checks.postgres).toMatchObject({ ok: true })
    })
  })
}

adapterSuite('express', async (checks) => {
  const app = express()
  app.use(expressHealthRoutes(checks))
  app.get('/other', (_req, res) => void res.send('other'))
  const { createServer: createHttpServer } = await import('node:http')
  return listen(createHttpServer(app))
})

adapterSuite('fastify', async (checks) => {
  const app = Fastify()
  fastifyHealthRoutes(app, checks)
  await app.ready()
  return listen(app.server)
})
