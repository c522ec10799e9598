/**
 * Runs the brand API: `node dist/examples/brand-api/main.js`.
 * PORT (default 3000), REDIS_URL (BullMQ; without it jobs run inline),
 * DATABASE_URL (audit_log in Postgres; without it PGlite under .linecast/),
 * ADMIN_TOKEN (the queue board at /admin/queues), and the vendors' variables
 * of events.catalog.yaml (SENTRY_DSN, POSTHOG_API_KEY, ...).
 */
import { createLogger } from 'linecast'
import { migrateAuditLog } from 'linecast/audit-log'
import { catalog } from '../../generated/events.js'
import { startService } from './service.js'

const env = process.env
// the audit_log table first: Postgres when DATABASE_URL is set, else the embedded PGlite the catalog falls back to
await migrateAuditLog(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: '.linecast/pglite' })

// signals are handled below, so requests and jobs finish before the logger closes
const log = createLogger({ catalog, delivery: { handleSignals: false } })
const service = await startService({
  log,
  redisUrl: env.REDIS_URL,
  port: Number(env.PORT ?? 3000),
  adminToken: env.ADMIN_TOKEN,
  posthog: { apiKey: env.POSTHOG_API_KEY, host: env.POSTHOG_HOST },
})
log.info({ url: service.url, jobs: service.jobs.mode }, `brand-api listening on ${service.url}`)

const stop = async (): Promise<void> => {
  log.info('brand-api shutting down')
  await service.close()
  await log.close()
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
