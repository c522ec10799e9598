/**
 * instrumentWorker against a real Redis: context carried from the enqueuer,
 * job lines per attempt, retries, and the failure line reaching Sentry
 * through the catalog's routing and the real Sentry sink.
 */
import { randomBytes } from 'node:crypto'
import { Queue, UnrecoverableError, type Job, type Worker } from 'bullmq'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { compiled } from '../../generated/events.js'
import { getContext, withContext } from '../../emitters/context.js'
import { enqueue, instrumentWorker } from '../../integrations/jobs/index.js'
import { compileRouter } from '../../router/route.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { SentryEncoder, SentrySender, parseSentrySettings } from '../../transports/sinks/sentry/index.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { sentryEvents } from '../support/sentry-envelope.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { captureLogger, linesOf } from './capture-logger.js'
import { waitUntil } from './wait.js'

const url = new URL(REDIS_URL)
const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null }
const prefix = `lc-jobs-${randomBytes(4).toString('hex')}`
const opened: Array<{ close(): Promise<void> }> = []
let queueCount = 0

function newQueue(): Queue {
  const queue = new Queue(`q${++queueCount}`, { connection, prefix })
  opened.push({ close: async () => (await queue.obliterate({ force: true }), await queue.close()) })
  return queue
}

function track(worker: Pick<Worker, 'close'>): void {
  opened.unshift({ close: () => worker.close() })
}

beforeAll(async () => {
  await requireService('redis')
})

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close()
})

describe('instrumentWorker', () => {
  it('runs the processor in the enqueuer context plus the job fields and writes started and completed', async () => {
    const { log, out } = captureLogger()
    const queue = newQueue()
    let inside: Record<string, unknown> = {}
    track(
      instrumentWorker(
        queue.name,
        async (job: Job<{ brandId: string; prompt: string }>) => {
          inside = { ...getContext() }
          log.info('rendering %s', job.data.prompt)
          return 'ok'
        },
        { logger: log, connection, prefix, contextFromData: ['userId', 'tenantId', 'brandId'] },
      ),
    )
    const job = await withContext({ requestId: 'req-42', userId: 'user-7', tenantId: 'acme', jobId: 'outer' }, () =>
      enqueue(queue, 'render_logo', { brandId: 'brand-9', prompt: 'a fox' }),
    )
    expect(job.data).toMatchObject({ __linecast: { requestId: 'req-42', userId: 'user-7', tenantId: 'acme' } })
    expect(job.data.__linecast).not.toHaveProperty('jobId')

    await waitUntil(() => linesOf(out, 'job_completed').length === 1, 'job_completed')
    expect(inside).toMatchObject({
      requestId: 'req-42',
      userId: 'user-7',
      tenantId: 'acme',
      brandId: 'brand-9',
      jobId: job.id,
      queue: queue.name,
      jobName: 'render_logo',
      attempt: 1,
    })
    const [started, plain, completed] = out.lines
    const correlation = { requestId: 'req-42', userId: 'user-7', tenantId: 'acme', brandId: 'brand-9', jobId: job.id }
    expect(started).toMatchObject({ event: 'job_started', level: 'info', queue: queue.name, jobName: 'render_logo', attempt: 1, ...correlation })
    expect(plain).toMatchObject({ msg: 'rendering a fox', ...correlation })
    expect(completed).toMatchObject({ event: 'job_completed', attempt: 1, ...correlation })
    expect(typeof completed?.duration_ms).toBe('number')
  })

  it('writes job_failed with the err and willRetry, rethrows so BullMQ retries, then completes', async () => {
    const { log, out } = captureLogger()
    const queue = newQueue()
    let runs = 0
    track(
      instrumentWorker(
        queue.name,
        async () => {
          runs += 1
          if (runs === 1) throw new TypeError('provider returned 502')
          return 'second time lucky'
        },
        { logger: log, connection, prefix },
      ),
    )
    const job = await enqueue(queue, 'generate', { userId: 'user-1' }, { attempts: 3 })
    await waitUntil(() => linesOf(out, 'job_completed').length === 1, 'the retry to complete')
    expect(out.lines.map((l) => [l.event, l.attempt])).toEqual([
      ['job_started', 1],
      ['job_failed', 1],
      ['job_started', 2],
      ['job_completed', 2],
    ])
    const failed = linesOf(out, 'job_failed')[0]
    expect(failed).toMatchObject({
      level: 'error',
      kind: 'error',
      jobId: job.id,
      userId: 'user-1',
      queue: queue.name,
      jobName: 'generate',
      error: 'provider returned 502',
      errorType: 'TypeError',
      willRetry: true,
      err: { type: 'TypeError', message: 'provider returned 502' },
    })
    expect(String((failed?.err as { stack: string }).stack)).toContain('jobs.test.ts')
    expect(await queue.getJobState(job.id as string)).toBe('completed')
  })

  it('says willRetry false on the last attempt and on an UnrecoverableError; the job ends failed', async () => {
    const { log, out } = captureLogger()
    const queue = newQueue()
    track(
      instrumentWorker(
        queue.name,
        async (job: Job<{ fatal: boolean }>) => {
          throw job.data.fatal ? new UnrecoverableError('bad input') : new Error('still down')
        },
        { logger: log, connection, prefix },
      ),
    )
    const last = await enqueue(queue, 'last', { fatal: false }, { attempts: 1 })
    const fatal = await enqueue(queue, 'fatal', { fatal: true }, { attempts: 5 })
    await waitUntil(() => linesOf(out, 'job_failed').length === 2, 'two failures')
    const byName = Object.fromEntries(linesOf(out, 'job_failed').map((l) => [l.jobName, l]))
    expect(byName.last).toMatchObject({ willRetry: false, error: 'still down', attempt: 1 })
    expect(byName.fatal).toMatchObject({ willRetry: false, errorType: 'UnrecoverableError', attempt: 1 })
    await waitUntil(async () => (await queue.getJobState(fatal.id as string)) === 'failed', 'the fatal job to be failed')
    const stored = await queue.getJob(last.id as string)
    expect(stored?.failedReason).toBe('still down')
  })
})

describe('a job failure reaches Sentry', () => {
  let receiver: HttpReceiver
  beforeAll(async () => {
    receiver = await startHttpReceiver()
  })
  afterAll(async () => {
    await receiver.close()
  })

  it('is routed to the sentry destination and sent as an exception with the job context', async () => {
    const { log, out } = captureLogger()
    const queue = newQueue()
    track(
      instrumentWorker(
        queue.name,
        async () => {
          throw new RangeError('image too large')
        },
        { logger: log, connection, prefix, contextFromData: ['userId', 'tenantId', 'brandId'] },
      ),
    )
    const job = await withContext({ requestId: 'req-s' }, () => enqueue(queue, 'upscale', { brandId: 'brand-s' }))
    await waitUntil(() => linesOf(out, 'job_failed').length === 1, 'job_failed')
    const line = linesOf(out, 'job_failed')[0] as LogLine

    expect(compileRouter(compiled)(line)).toContain('sentry')
    const dsn = `http://public@127.0.0.1:${receiver.port}/1`
    const config = parseSentrySettings('sentry', { dsn })
    const item = new SentryEncoder(config, compiled).encode(line)
    expect(item.type).toBe('event')
    const sender = new SentrySender({ dsn, timeoutMs: 5000 })
    try {
      if (item.type !== 'event') throw new Error('not an event')
      expect(await sender.sendEvent(item.event)).toEqual({ type: 'ok' })
    } finally {
      await sender.close()
    }
    const [event] = sentryEvents(receiver.requests)
    expect(event).toMatchObject({
      level: 'error',
      exception: { values: [{ type: 'RangeError', value: 'image too large' }] },
      tags: { requestId: 'req-s', brandId: 'brand-s', jobId: job.id, event: 'job_failed' },
      contexts: { job: { id: job.id, queue: queue.name } },
    })
  })
})
