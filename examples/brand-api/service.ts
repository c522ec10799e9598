/**
 * The brand API as a running service: jobs on BullMQ when Redis answers (else
 * inline) with the daily and weekly cost report schedulers, the feature
 * flags, the app on a port, and an ordered shutdown. The caller owns the
 * logger: `main.ts` for a real run, `linecast demo` for the demo.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { createHealthChecks } from 'linecast/health'
import { COST_REPORT_QUEUE, scheduleCostReports } from 'linecast/reports'
import { catalog } from '../../generated/events.js'
import { FakeAIProvider, type FakeProviderOptions } from './ai-provider.js'
import { createApp } from './app.js'
import { BrandStore } from './brands.js'
import type { BrandLog, GenerationDeps } from './deps.js'
import { serviceFlags } from './flags.js'
import { bullmqRunner } from './jobs/bullmq.js'
import { inlineRunner } from './jobs/inline.js'
import type { JobRunner } from './jobs/types.js'
import { bullmqConnection, redisAnswers } from './redis.js'

export interface ServiceOptions {
  log: BrandLog
  /** Redis for BullMQ; unset or not answering: jobs run inline */
  redisUrl?: string | undefined
  /** 0: an ephemeral port; default 3000 */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** BullMQ key prefix; with `throwawayQueue` the queue's keys are removed on close */
  queuePrefix?: string
  throwawayQueue?: boolean
  /** enables /admin/queues in BullMQ mode */
  adminToken?: string | undefined
  provider?: FakeProviderOptions
  version?: string
  /** PostHog for the feature flags; without an apiKey every flag answers its catalog default */
  posthog?: { apiKey?: string | undefined; host?: string | undefined }
}

export interface RunningService {
  url: string
  port: number
  jobs: JobRunner
  /** `unset`: no REDIS_URL; `unreachable`: set but not answering (jobs run inline either way) */
  redis: 'connected' | 'unset' | 'unreachable'
  brands: BrandStore
  /** ids of the cost report job schedulers on the queue (BullMQ only; empty inline) */
  schedulers: string[]
  /** stops taking requests, waits for the jobs under way, closes the queues, the flags and Redis */
  close(): Promise<void>
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { log } = options
  const deps: GenerationDeps = {
    log,
    provider: new FakeAIProvider(options.provider),
    brands: new BrandStore(),
    pricing: catalog.compiled.pricing,
    thresholds: catalog.compiled.thresholds,
  }

  let redis: RunningService['redis'] = 'unset'
  let connection: Redis | undefined
  if (options.redisUrl !== undefined && options.redisUrl !== '') {
    redis = (await redisAnswers(options.redisUrl)) ? 'connected' : 'unreachable'
    if (redis === 'connected') connection = bullmqConnection(options.redisUrl)
  }
  const jobs =
    connection !== undefined
      ? bullmqRunner(deps, { connection, prefix: options.queuePrefix, obliterateOnClose: options.throwawayQueue })
      : inlineRunner(deps)

  // the daily and weekly cost reports, as job schedulers next to the brand jobs (a worker of startCostReports runs them)
  let reports: Queue | undefined
  let schedulers: string[] = []
  if (connection !== undefined) {
    reports = new Queue(COST_REPORT_QUEUE, { connection, ...(options.queuePrefix !== undefined ? { prefix: options.queuePrefix } : {}) })
    await scheduleCostReports(reports)
    schedulers = (await reports.getJobSchedulers()).map((j) => j.key).sort()
  }
  const flags = serviceFlags({ ...options.posthog, logger: log })

  const health = createHealthChecks({
    version: options.version ?? '1.0.0',
    ...(connection !== undefined ? { redis: connection } : {}),
    queues: jobs.queues,
  })
  const app = await createApp({ ...deps, jobs, flags, health, adminToken: options.adminToken })
  const server: Server = app.listen(options.port ?? 3000, options.host ?? '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    await stopped
    await jobs.close()
    if (reports !== undefined) {
      if (options.throwawayQueue === true) await reports.obliterate({ force: true })
      await reports.close()
    }
    await flags.shutdown()
    if (connection !== undefined) await connection.quit()
  }
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    jobs,
    redis,
    brands: deps.brands,
    schedulers,
    close: () => (closing ??= close()),
  }
}
