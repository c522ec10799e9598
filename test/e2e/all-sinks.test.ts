/**
 * One logger with every destination of the shipped catalog on at once, each
 * pointed at a local stand-in (HTTP receivers for Sentry, PostHog,
 * Betterstack and Slack, a local SMTP server, a fresh schema on the
 * machine's Postgres): a realistic mix of events goes through the real
 * transport worker, and each destination receives exactly the lines the
 * catalog routes to it, under their eventIds, as the delivery stats count.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, withContext } from 'linecast'
import { catalog } from '../../generated/events.js'
import { CaptureStream } from '../emitters/capture.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { posthogMessages } from '../support/posthog-batch.js'
import { sentryEvents } from '../support/sentry-envelope.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { createAuditSchema, type AuditSchema } from './audit-schema.js'
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.js'

let sentry: HttpReceiver
let posthog: HttpReceiver
let betterstack: HttpReceiver
let slack: HttpReceiver
let smtp: SmtpReceiver
let audit: AuditSchema
let dir: string

beforeAll(async () => {
  await requireService('postgres')
  await requireService('redis')
  ;[sentry, posthog, betterstack, slack, smtp, audit] = await Promise.all([
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
    startSmtpReceiver(),
    createAuditSchema('e2e_sinks'),
  ])
  dir = mkdtempSync(join(tmpdir(), 'linecast-e2e-sinks-'))
})
afterAll(async () => {
  await Promise.all([sentry?.close(), posthog?.close(), betterstack?.close(), slack?.close(), smtp?.close(), audit?.drop()])
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

const sorted = (ids: Iterable<string>): string[] => [...ids].sort()
const noDashes = (id: string): string => id.replace(/-/g, '')

describe('every destination of the shipped catalog at once', () => {
  it('delivers each line to exactly the destinations the catalog routes it to, and the stats agree', async () => {
    const local = new CaptureStream()
    const log = createLogger({
      catalog,
      destination: local,
      env: 'production',
      vars: {
        PII_HASH_KEY: 'e2e-key',
        SENTRY_DSN: `http://publickey@127.0.0.1:${sentry.port}/1`,
        POSTHOG_API_KEY: 'phc_e2e',
        POSTHOG_HOST: posthog.url,
        DATABASE_URL: audit.url,
        BETTERSTACK_SOURCE_TOKEN: 'bs-token',
        BETTERSTACK_URL: `${betterstack.url}/ingest`,
        SLACK_WEBHOOK_URL: `${slack.url}/services/T0/B0/x`,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_USER: 'mailer',
        SMTP_PASS: 'secret',
        REPORT_EMAIL_TO: 'founders@example.com',
      },
      delivery: {
        spoolDir: join(dir, 'spool'),
        deadLetterDir: join(dir, 'dead'),
        handleSignals: false,
        alerts: { redisUrl: REDIS_URL, prefix: `linecast:e2e:${audit.schema}:` },
      },
    })
    try {
      withContext({ requestId: 'req-1', userId: 'user-1', tenantId: 'tenant-1' }, () => {
        for (const method of ['email', 'google', 'github'] as const) {
          log.emit.userSignedUp({ email: `ada+${method}@example.com`, method })
        }
        for (let i = 0; i < 4; i++) {
          log.emit.logoGenerated({ brandId: `brand-${i}`, jobId: `job-${i}`, model: 'flux-2-pro', duration_ms: 900 + i, cost: 0.06 })
        }
        for (let i = 0; i < 5; i++) {
          log.emit.aiApiCall({
            provider: 'anthropic',
            model: 'claude-sonnet-4-6',
            taskType: 'brand_name',
            inputTokens: 1000 + i,
            outputTokens: 200,
            duration_ms: 1200,
            cost: 0.006,
            success: true,
          })
        }
        log.emit.paymentFailed({ invoiceId: 'in_1', amount: 29, currency: 'USD', failureCode: 'card_declined', attempt: 1 })
        log.warn({ route: '/api/brands', retryInMs: 500 }, 'upstream slow, retrying')
        const err = Object.assign(new Error('brand store unavailable'), { code: 'ECONNREFUSED_STORE' })
        log.error(
          { event: 'unhandled_error', kind: 'error', err, method: 'POST', route: '/api/brands', statusCode: 500 },
          'Unhandled error in POST /api/brands',
        )
        log.emit.costReportGenerated({
          period: 'day',
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-01-02T00:00:00.000Z',
          total: 0.27,
          calls: 9,
          failedCalls: 0,
          byModel: [{ model: 'flux-2-pro', calls: 4, cost: 0.24 }],
          groupBy: ['brandId'],
          groups: [{ key: 'brand-0', calls: 2, cost: 0.066 }],
        })
      })
      await log.flush()

      // what the application wrote, by event
      const lines = local.lines
      expect(lines).toHaveLength(16)
      const ids = (event: string): string[] => lines.filter((l) => l.event === event).map((l) => l.eventId as string)
      const warnId = lines.find((l) => l.level === 'warn')?.eventId as string
      const [signups, logos, costs, payments, errors, reports] = [
        ids('user_signed_up'),
        ids('logo_generated'),
        ids('ai_api_call'),
        ids('payment_failed'),
        ids('unhandled_error'),
        ids('cost_report_generated'),
      ]
      expect([signups.length, logos.length, costs.length, payments.length, errors.length, reports.length]).toEqual([3, 4, 5, 1, 1, 1])

      // Betterstack: every line at info and above (the info route), plus the worker's own linecast.* lines
      const atBetterstack = betterstack.requests.flatMap((r) => r.json as Record<string, unknown>[])
      expect(betterstack.requests.every((r) => r.headers.authorization === 'Bearer bs-token')).toBe(true)
      const appAtBetterstack = atBetterstack.filter((l) => !String(l.event ?? '').startsWith('linecast.'))
      expect(sorted(appAtBetterstack.map((l) => l.eventId as string))).toEqual(sorted(lines.map((l) => l.eventId as string)))
      expect(new Set(atBetterstack.map((l) => l.eventId)).size).toBe(atBetterstack.length)
      expect(atBetterstack.find((l) => l.eventId === warnId)).toMatchObject({ level: 'warn', msg: 'upstream slow, retrying' })

      // Sentry: the two error lines, as events with the line's eventId; the warn line is not routed there
      const events = sentryEvents(sentry.requests)
      expect(sorted(events.map((e) => e.event_id as string))).toEqual(sorted([...payments, ...errors].map(noDashes)))
      const crash = events.find((e) => e.event_id === noDashes(errors[0] as string)) as {
        exception?: { values?: { type?: string; value?: string; stacktrace?: { frames?: unknown[] } }[] }
        user?: { id?: string }
        tags?: Record<string, string>
      }
      expect(crash.exception?.values?.at(-1)).toMatchObject({ type: 'Error', value: 'brand store unavailable' })
      expect(crash.exception?.values?.at(-1)?.stacktrace?.frames?.length).toBeGreaterThan(0)
      expect(crash.user?.id).toBe('user-1')
      expect(crash.tags?.requestId).toBe('req-1')

      // PostHog: the lines routed there by `to:` (signups, logos, AI calls, the failed payment), uuid = eventId
      const captured = posthogMessages(posthog.requests)
      expect(sorted(captured.map((m) => m.uuid as string))).toEqual(sorted([...signups, ...logos, ...costs, ...payments]))
      expect(captured.every((m) => m.distinct_id === 'user-1')).toBe(true)
      expect(JSON.stringify(captured)).not.toContain('ada+')

      // audit_log: logo_generated and ai_api_call rows, id = eventId, once each
      const counts = await audit.countsById()
      expect(sorted(counts.keys())).toEqual(sorted([...logos, ...costs]))
      expect([...counts.values()].every((n) => n === 1)).toBe(true)
      const actions = new Map((await audit.rows()).map((r) => [r.id, r.action]))
      expect(logos.map((id) => actions.get(id))).toEqual(logos.map(() => 'logo.generate'))
      expect(costs.map((id) => actions.get(id))).toEqual(costs.map(() => 'ai.call'))

      // Slack: the p1 payment failure and the cost report, one message each
      expect(slack.requests).toHaveLength(2)
      const slackTexts = slack.requests.map((r) => JSON.stringify(r.json))
      expect(slackTexts.filter((t) => t.includes(payments[0] as string))).toHaveLength(1)
      expect(slackTexts.filter((t) => t.includes(reports[0] as string))).toHaveLength(1)

      // email: the cost report, one mail
      expect(smtp.mails).toHaveLength(1)
      expect(smtp.mails[0]?.headers.get('x-linecast-event-id')).toBe(reports[0])
      expect(smtp.mails[0]?.to).toEqual(['founders@example.com'])

      // the counters agree with what each receiver got
      const stats = await log.deliveryStats()
      expect(stats?.off).toEqual({})
      expect(stats?.malformed).toBe(0)
      const received: Record<string, number> = {
        betterstack: atBetterstack.length,
        sentry: events.length,
        posthog: captured.length,
        audit: counts.size,
        slack: slack.requests.length,
        email: smtp.mails.length,
      }
      for (const [name, count] of Object.entries(received)) {
        expect({ name, ...stats?.destinations[name] }).toMatchObject({ name, delivered: count, spooled: 0, deadLettered: 0, dropped: 0, queued: 0 })
      }
    } finally {
      await log.close()
    }
  })
})
