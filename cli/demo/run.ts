/**
 * `linecast demo`: the brand API example on the embedded default. audit_log
 * in PGlite under .linecast/ (Postgres when DATABASE_URL is set), BullMQ and
 * shared alert windows when REDIS_URL answers (else inline jobs and
 * per-process windows), vendors off unless their variables are set. A short
 * load of real HTTP requests, then the cost report and a summary.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createLogger, type LoggerDeliveryOptions } from 'linecast'
import { migrateAuditLog } from 'linecast/audit-log'
import { redisAnswers } from '../../examples/brand-api/redis.js'
import { startService } from '../../examples/brand-api/service.js'
import { catalog } from '../../generated/events.js'
import { missingVariables } from '../../schema/env.js'
import { DEFAULT_PGLITE_DIR } from '../../transports/sinks/audit-log/index.js'
import type { Output } from '../output.js'
import { readAuditAndReport } from './audit.js'
import { driveLoad, planLoad } from './load.js'
import { demoDestination } from './output.js'
import { renderSummary, type DemoSummary } from './summary.js'
import { createTally } from './tally.js'

export interface DemoOptions {
  /** 0: an ephemeral port */
  port: number
  requests: number
  /** leave the service up after the load until the signal aborts */
  keepRunning: boolean
  /** JSON lines and a JSON summary even on a terminal */
  json: boolean
}

export interface DemoContext {
  out: Output
  cwd: string
  env: NodeJS.ProcessEnv
  signal: AbortSignal
}

/** How long the jobs of the load may take to finish. */
const JOBS_DEADLINE_MS = 10_000

/** Destinations other than audit_log whose settings are all set: where the cost report may go once the main logger is closed. */
function reportDestinations(env: NodeJS.ProcessEnv): string[] {
  const complete = (value: unknown): boolean => {
    if (typeof value === 'string') return missingVariables(value, env).length === 0
    if (typeof value === 'object' && value !== null) return Object.values(value).every(complete)
    return true
  }
  return Object.entries(catalog.compiled.destinations)
    .filter(([, d]) => d.kind !== 'audit_log' && complete(d.settings))
    .map(([name]) => name)
}

function costRuleOf(): DemoSummary['costRule'] {
  const rule = Object.values(catalog.compiled.alerts).find((r) => r.when.event === 'ai_api_call' && r.when.measure === 'sum')
  return rule === undefined ? undefined : { rule: rule.name, above: rule.when.above, over: rule.when.over }
}

export async function runDemo(options: DemoOptions, context: DemoContext): Promise<number> {
  const { out, cwd, env, signal } = context
  const since = new Date()
  const runId = randomUUID().slice(0, 8)

  const databaseUrl = env.DATABASE_URL || undefined
  await migrateAuditLog(databaseUrl !== undefined ? { databaseUrl } : { dataDir: resolve(cwd, DEFAULT_PGLITE_DIR) })
  out.note(
    databaseUrl !== undefined
      ? 'audit_log: Postgres at DATABASE_URL'
      : `audit_log: embedded PGlite in ${DEFAULT_PGLITE_DIR} (set DATABASE_URL to use Postgres)`,
  )

  const redisUrl = env.REDIS_URL || undefined
  const redisUp = redisUrl !== undefined && (await redisAnswers(redisUrl))
  if (redisUp) out.note('Redis: jobs on BullMQ, alert windows in Redis (REDIS_URL)')
  else if (redisUrl !== undefined) out.note('Redis: REDIS_URL does not answer: jobs run inline and alert windows are per-process')
  else out.note('Redis: REDIS_URL is unset: jobs run inline and alert windows are per-process')

  const tally = createTally()
  const destination = demoDestination(out, tally, !options.json && out.color)
  const delivery: LoggerDeliveryOptions = {
    handleSignals: false,
    statsIntervalMs: 0,
    spoolDir: resolve(cwd, '.linecast/spool'),
    deadLetterDir: resolve(cwd, '.linecast/dead-letter'),
    // this run's own windows, so the alert shows on every run; '' keeps them in the worker's memory
    alerts: redisUp ? { redisUrl, prefix: `linecast:alerts:${catalog.compiled.service}:demo-${runId}:` } : { redisUrl: '' },
  }
  // the catalog hashes e-mail addresses with PII_HASH_KEY; without one, this run gets its own
  const piiKey = env.PII_HASH_KEY || randomBytes(32).toString('hex')
  if (env.PII_HASH_KEY === undefined || env.PII_HASH_KEY === '') out.note('PII_HASH_KEY is unset: this run hashes with a random key of its own')
  const log = createLogger({ catalog, destination, pretty: false, vars: env, delivery, piiKey })

  const adminToken = redisUp ? randomBytes(12).toString('hex') : undefined
  let service: Awaited<ReturnType<typeof startService>> | undefined
  let summary: Omit<DemoSummary, 'audit' | 'report' | 'events' | 'delivery'>
  let delivered: DemoSummary['delivery']
  try {
    service = await startService({
      log,
      redisUrl: redisUp ? redisUrl : undefined,
      port: options.port,
      queuePrefix: `linecast-demo-${runId}`,
      throwawayQueue: true,
      adminToken,
      provider: { failEveryNthImageCall: 3 },
      posthog: { apiKey: env.POSTHOG_API_KEY, host: env.POSTHOG_HOST },
    })
    log.info({ url: service.url, jobs: service.jobs.mode }, `brand-api listening on ${service.url}`)

    const started = performance.now()
    const results = await driveLoad(service.url, planLoad(options.requests), signal)
    await service.jobs.idle(JOBS_DEADLINE_MS)
    const seconds = (performance.now() - started) / 1000

    if (options.keepRunning && !signal.aborted) {
      const board = adminToken !== undefined ? `; queue board: ${service.url}/admin/queues with Authorization: Bearer ${adminToken}` : ''
      out.note(`brand-api stays up at ${service.url}${board}; press Ctrl-C to stop`)
      await new Promise<void>((done) => (signal.aborted ? done() : signal.addEventListener('abort', () => done(), { once: true })))
      await service.jobs.idle(JOBS_DEADLINE_MS)
    }
    const ai = tally.snapshot()
    summary = {
      url: service.url,
      requests: results.length,
      seconds: Math.round(seconds * 1000) / 1000,
      jobs: { ...service.jobs.counts(), mode: service.jobs.mode },
      alertWindows: redisUp ? 'redis' : 'per-process',
      schedulers: service.schedulers,
      statuses: ai.statuses,
      ai: { calls: ai.aiCallIds.length, cost: ai.aiCost },
      costRule: costRuleOf(),
    }
    await service.close()
    await log.flush()
    delivered = await log.deliveryStats()
  } finally {
    await service?.close()
    await log.close()
  }

  // the worker has closed PGlite: read what it stored and write the cost report through a logger without audit_log
  const destinations = reportDestinations(env)
  const reportLog = createLogger({
    catalog,
    destination,
    pretty: false,
    vars: env,
    piiKey,
    delivery: destinations.length > 0 ? { ...delivery, destinations, alerts: false, diagnostics: 'none' } : false,
  })
  let findings: Awaited<ReturnType<typeof readAuditAndReport>>
  try {
    findings = await readAuditAndReport({ cwd, env, since, aiCallIds: tally.snapshot().aiCallIds }, reportLog)
  } finally {
    await reportLog.close()
  }

  const full: DemoSummary = {
    ...summary,
    events: tally.snapshot().events,
    audit: { where: findings.where, rowsByAction: findings.rowsByAction, aiCallRows: findings.aiCallRows },
    report: { total: findings.report.total, calls: findings.report.calls, failedCalls: findings.report.failedCalls },
    delivery: delivered,
  }
  if (options.json) out.line(JSON.stringify({ summary: full }))
  else for (const line of renderSummary(full)) out.line(line)
  return 0
}
