/**
 * Health and readiness, framework-neutral.
 *
 * `health()` says the process is up: it checks no dependency, so a load
 * balancer does not restart a healthy process because Redis blinked.
 * `ready()` says the process can serve: Redis answers PING, Postgres answers
 * `select 1`, the Sentry destination or client is there (sentry-check.ts) (each only when
 * configured), each within its deadline. BullMQ job counts ride along for dashboards; they never
 * decide readiness.
 */
import { probe, type CheckResult } from './probe.js'
import { expectSentry, type SentryCheck } from './sentry-check.js'

/** ioredis (and node-redis) clients have it. */
export interface RedisPinger {
  ping(): Promise<unknown>
}

/** pg's Pool and Client, and PGlite, have it. */
export interface SqlQuerier {
  query(sql: string): Promise<unknown>
}

/** A BullMQ Queue has it. */
export interface CountableQueue {
  readonly name: string
  getJobCounts(...types: string[]): Promise<Record<string, number>>
}

export interface HealthCheckOptions {
  /** the service's version, reported by /health */
  version: string
  redis?: RedisPinger
  postgres?: SqlQuerier
  /**
   * the linecast logger: ready only when its transport has the Sentry destination on;
   * true: only when `@sentry/node` has a global client (Sentry.init); a function: when it returns (or resolves to) true
   */
  sentry?: SentryCheck
  /** the Sentry destination's name in the catalog, for `sentry: logger`; default 'sentry' */
  sentryDestination?: string
  queues?: readonly CountableQueue[]
  /** deadline of each check; default 2000 ms */
  timeoutMs?: number
}

export interface HealthBody {
  status: 'ok'
  timestamp: string
  /** seconds since the process started */
  uptime: number
  version: string
}

export const QUEUE_COUNT_TYPES = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const
export type QueueCounts = Record<(typeof QUEUE_COUNT_TYPES)[number], number>

export interface ReadyBody {
  status: 'ready' | 'not_ready'
  timestamp: string
  version: string
  checks: { redis?: CheckResult; postgres?: CheckResult; sentry?: CheckResult }
  /** per queue name: its job counts, or why they could not be read */
  queues?: Record<string, QueueCounts | { error: string }>
}

export interface ReadyAnswer {
  /** 200 when every configured check passed, else 503 */
  statusCode: 200 | 503
  body: ReadyBody
}

export interface HealthChecks {
  health(): HealthBody
  ready(): Promise<ReadyAnswer>
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000

export function createHealthChecks(options: HealthCheckOptions): HealthChecks {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS
  const { redis, postgres, sentry, queues } = options

  return {
    health: () => ({ status: 'ok', timestamp: new Date().toISOString(), uptime: process.uptime(), version: options.version }),

    async ready() {
      const [redisResult, postgresResult, sentryResult, queueCounts] = await Promise.all([
        redis === undefined ? undefined : probe(() => expectPong(redis), timeoutMs),
        postgres === undefined ? undefined : probe(() => postgres.query('select 1'), timeoutMs),
        sentry === undefined || sentry === false ? undefined : probe(() => expectSentry(sentry, options.sentryDestination), timeoutMs),
        queues === undefined || queues.length === 0 ? undefined : countQueues(queues, timeoutMs),
      ])
      const checks: ReadyBody['checks'] = {}
      if (redisResult !== undefined) checks.redis = redisResult
      if (postgresResult !== undefined) checks.postgres = postgresResult
      if (sentryResult !== undefined) checks.sentry = sentryResult
      const ok = Object.values(checks).every((c) => c.ok)
      const body: ReadyBody = { status: ok ? 'ready' : 'not_ready', timestamp: new Date().toISOString(), version: options.version, checks }
      if (queueCounts !== undefined) body.queues = queueCounts
      return { statusCode: ok ? 200 : 503, body }
    },
  }
}

async function expectPong(redis: RedisPinger): Promise<void> {
  const answer = await redis.ping()
  if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)} instead of PONG`)
}

async function countQueues(queues: readonly CountableQueue[], timeoutMs: number): Promise<ReadyBody['queues']> {
  const out: NonNullable<ReadyBody['queues']> = {}
  await Promise.all(
    queues.map(async (queue) => {
      let counts: Record<string, number> | undefined
      const result = await probe(async () => {
        counts = await queue.getJobCounts(...QUEUE_COUNT_TYPES)
      }, timeoutMs)
      if (!result.ok || counts === undefined) {
        out[queue.name] = { error: result.error ?? 'no counts' }
        return
      }
      const read = counts
      out[queue.name] = Object.fromEntries(QUEUE_COUNT_TYPES.map((t) => [t, read[t] ?? 0])) as QueueCounts
    }),
  )
  return out
}
