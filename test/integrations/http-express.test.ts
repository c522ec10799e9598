import { createServer } from 'node:http'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { expressErrorHandler, expressHttpLogging } from '../../integrations/http/index.js'
import { failAfterAwait, httpContract, teapot, viewBrand, type BuildApp } from './http-contract.js'
import { captureLogger, linesOf, listen, waitForLines } from './http-fixtures.js'

const build: BuildApp = async (log, { env, contextFrom }) => {
  const app = express()
  app.use(expressHttpLogging(log, { contextFrom }))
  app.use(express.json())
  app.get('/brands/:id', async (req, res) => {
    await viewBrand(log, req.params.id)
    res.json({ id: req.params.id })
  })
  app.post('/echo', async (req, res) => {
    await viewBrand(log, (req.body as { page: string }).page)
    res.json(req.body)
  })
  app.get('/missing', (_req, res) => void res.status(404).json({ error: 'missing' }))
  app.get('/unavailable', (_req, res) => void res.status(503).json({ error: 'down' }))
  app.get('/moved', (_req, res) => res.redirect(302, '/brands/b_1'))
  app.get('/boom', async () => failAfterAwait())
  app.get('/teapot', () => {
    throw teapot()
  })
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }))
  app.use(expressErrorHandler(log, { env }))
  return createServer(app)
}

httpContract('express 5', build, { route: true })

describe('express 5: options', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(async () => {
    await close?.()
    close = undefined
  })

  async function start(configure: (app: express.Express, log: ReturnType<typeof captureLogger>['log']) => void) {
    const { log, out } = captureLogger()
    const app = express()
    configure(app, log)
    const listening = await listen(createServer(app))
    close = listening.close
    return { out, url: listening.url }
  }

  it('ignores the configured paths instead of the defaults', async () => {
    const { out, url } = await start((app, log) => {
      app.use(expressHttpLogging(log, { ignore: ['/internal/metrics'] }))
      app.get('/internal/metrics', (_req, res) => void res.send('ok'))
      app.get('/health', (_req, res) => void res.send('ok'))
    })
    await fetch(`${url}/internal/metrics?x=1`)
    await fetch(`${url}/health`)
    const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
    expect(linesOf(lines, 'http_request')).toMatchObject([{ url: '/health', statusCode: 200 }])
  })

  it('accepts a function as the ignore list', async () => {
    const { out, url } = await start((app, log) => {
      app.use(expressHttpLogging(log, { ignore: (path) => path.startsWith('/static/') }))
      app.get('/static/app.js', (_req, res) => void res.send('js'))
      app.get('/page', (_req, res) => void res.send('page'))
    })
    await fetch(`${url}/static/app.js`)
    await fetch(`${url}/page`)
    const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
    expect(linesOf(lines, 'http_request')).toMatchObject([{ url: '/page' }])
  })

  it('puts a user that authentication set after the middleware on the request line (getUser)', async () => {
    const { out, url } = await start((app, log) => {
      app.use(expressHttpLogging(log, { getUser: (req) => (req as { user?: { userId: string } }).user }))
      app.use((req, _res, next) => {
        ;(req as { user?: { userId: string } }).user = { userId: 'u_auth' }
        next()
      })
      app.get('/me', (_req, res) => void res.send('me'))
    })
    await fetch(`${url}/me`)
    const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
    expect(linesOf(lines, 'http_request')).toMatchObject([{ url: '/me', userId: 'u_auth' }])
  })

  it("gives handlers pino-http's req.log, stamped with the request id and without headers", async () => {
    const { out, url } = await start((app, log) => {
      app.use(expressHttpLogging(log))
      app.get('/plain', (req, res) => {
        req.log.info({ step: 'one' }, 'handler ran')
        res.send('ok')
      })
    })
    const res = await fetch(`${url}/plain?token=abc`, { headers: { authorization: 'Bearer abcdefghijkl', 'x-request-id': 'req-log-1' } })
    expect(res.status).toBe(200)
    const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
    const plain = lines.find((l) => l.msg === 'handler ran')
    expect(plain).toMatchObject({ level: 'info', requestId: 'req-log-1', step: 'one', req: { id: 'req-log-1', method: 'GET', url: '/plain?token=[REDACTED]' } })
    expect(out.text).not.toContain('abcdefghijkl')
  })

  it('writes 499 when the client goes away before the response', async () => {
    let entered!: () => void
    const inHandler = new Promise<void>((resolve) => (entered = resolve))
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const { out, url } = await start((app, log) => {
      app.use(expressHttpLogging(log))
      app.get('/slow', async (_req, res) => {
        entered()
        await released
        res.end()
      })
    })
    const abort = new AbortController()
    const request = fetch(`${url}/slow`, { signal: abort.signal }).catch((err: unknown) => err)
    await inHandler
    abort.abort()
    await request
    const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').length === 1)
    release()
    expect(linesOf(lines, 'http_request')).toMatchObject([{ level: 'warn', url: '/slow', statusCode: 499 }])
  })
})
