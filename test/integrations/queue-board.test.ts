/**
 * The queue board on a real Express app, a real BullMQ queue on the
 * machine's Redis, and real requests: 401 without credentials, 403 (and a
 * warning line) for a non-admin, the board for an admin.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import { Queue } from 'bullmq'
import express from 'express'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expressHttpLogging } from '../../integrations/http/index.js'
import { mountQueueBoard, QueueBoardDependencyError } from '../../integrations/queue-board/index.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { captureLogger, linesOf, listen, waitForLines } from './http-fixtures.js'

let queue: Queue
let server: { url: string; close: () => Promise<void> }
const { log, out } = captureLogger()

/** Bearer admin-token: admin; any other bearer: a user; nothing: no credentials. */
async function isAdmin(req: IncomingMessage): Promise<boolean | undefined> {
  const auth = req.headers.authorization
  if (auth === undefined) return undefined
  await Promise.resolve()
  return auth === 'Bearer admin-token'
}

beforeAll(async () => {
  await requireService('redis')
  queue = new Queue(`board-test-${randomUUID()}`, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }) })
  await queue.add('render', { n: 1 })
  const app = express()
  app.use(expressHttpLogging(log))
  const board = await mountQueueBoard(app, { queues: [queue], isAdmin, logger: log })
  expect(board.basePath).toBe('/admin/queues')
  server = await listen(createServer(app))
})

afterAll(async () => {
  await server?.close()
  await queue?.obliterate({ force: true })
  await queue?.close()
})

describe('mountQueueBoard', () => {
  it('answers 401 with a challenge when the request has no credentials', async () => {
    const res = await fetch(`${server.url}/admin/queues`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="queues"')
    expect(await res.json()).toEqual({ error: 'Unauthorized', requestId: res.headers.get('x-request-id') })
  })

  it('answers 403 to a non-admin and writes a warning line with the request id', async () => {
    const res = await fetch(`${server.url}/admin/queues/api/queues`, {
      headers: { authorization: 'Bearer user-token', 'x-request-id': 'req-board-403' },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: 'Forbidden', requestId: 'req-board-403' })
    const lines = await waitForLines(out, (l) => l.some((x) => x.requestId === 'req-board-403' && x.event === 'http_request'))
    const warnings = lines.filter((l) => l.msg === 'Queue board refused: not an admin')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ level: 'warn', requestId: 'req-board-403', method: 'GET', path: '/admin/queues/api/queues' })
    expect(out.text).not.toContain('user-token')
  })

  it('serves the board and its queue API to an admin', async () => {
    const page = await fetch(`${server.url}/admin/queues`, { headers: { authorization: 'Bearer admin-token' } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const api = await fetch(`${server.url}/admin/queues/api/queues`, { headers: { authorization: 'Bearer admin-token' } })
    expect(api.status).toBe(200)
    const body = (await api.json()) as { queues: { name: string }[] }
    expect(body.queues.map((q) => q.name)).toContain(queue.name)
    const lines = await waitForLines(out, (l) => linesOf(l, 'http_request').some((x) => x.url === '/admin/queues/api/queues' && x.statusCode === 200))
    expect(lines.filter((l) => l.level === 'warn' && l.msg === 'Queue board refused: not an admin')).toHaveLength(1)
  })

  it('says what to install when Bull Board is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package '@bull-board/api'"), { code: 'ERR_MODULE_NOT_FOUND' })
    const mounting = mountQueueBoard(express(), { queues: [], isAdmin, logger: log }, { importModule: () => Promise.reject(missing) })
    await expect(mounting).rejects.toBeInstanceOf(QueueBoardDependencyError)
    await expect(mounting).rejects.toMatchObject({
      code: 'LINECAST_QUEUE_BOARD_DEPENDENCY_MISSING',
      message: expect.stringContaining('npm install @bull-board/api @bull-board/express'),
      cause: missing,
    })
  })
})
