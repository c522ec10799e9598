/**
 * The catalog of the transport bench: one destination per sink kind (each
 * `${VAR}` pointed at a local receiver or database by the bench), and the
 * three line shapes the sinks take: an analytics line, a cost line (audit_log)
 * and an error line at p1 (Sentry sends it as an event, Slack posts it).
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { CompiledCatalog, CompiledEvent } from '../schema/compiled.js'
import { defineCatalog } from '../schema/define.js'

function event(e: Pick<CompiledEvent, 'name' | 'helper' | 'kind' | 'to' | 'properties'> & Partial<CompiledEvent>): CompiledEvent {
  return { description: e.name, level: 'info', version: 1, pii: { hash: [], redact: [], keep: [] }, ...e }
}

export const DESTINATIONS = {
  betterstack: { kind: 'betterstack', settings: { token: 'bench-token', url: '${BETTERSTACK_URL}' } },
  slack: { kind: 'slack', settings: { webhookUrl: '${SLACK_WEBHOOK_URL}', dedupeWindow: 0 } },
  posthog: { kind: 'posthog', settings: { apiKey: 'phc_bench', host: '${POSTHOG_HOST}' } },
  sentry: { kind: 'sentry', settings: { dsn: '${SENTRY_DSN}' } },
  mixpanel: { kind: 'mixpanel', settings: { token: 'mp-bench', url: '${MIXPANEL_URL}' } },
  'audit_log (PGlite)': { kind: 'audit_log', settings: { dataDir: '${PGLITE_DIR}', table: 'audit_log' } },
  'audit_log (Postgres)': { kind: 'audit_log', settings: { databaseUrl: '${DATABASE_URL}', table: '${AUDIT_TABLE}' } },
} as const satisfies CompiledCatalog['destinations']

export type BenchDestination = keyof typeof DESTINATIONS

export const compiled: CompiledCatalog = {
  catalog: 1,
  service: 'bench-api',
  redact: [],
  context: ['requestId', 'userId'],
  destinations: DESTINATIONS,
  routes: {},
  pricing: {},
  alerts: {},
  flags: {},
  thresholds: {},
  events: {
    logo_generated: event({
      name: 'logo_generated',
      helper: 'logoGenerated',
      kind: 'analytics',
      distinctId: 'userId',
      to: ['betterstack', 'posthog', 'mixpanel'],
      message: 'Logo generated for {brandId} with {model}',
      properties: {
        brandId: { type: 'string' },
        jobId: { type: 'string' },
        model: { type: 'string' },
        duration_ms: { type: 'integer' },
        cost: { type: 'number' },
      },
    }),
    ai_api_call: event({
      name: 'ai_api_call',
      helper: 'aiApiCall',
      kind: 'cost',
      distinctId: 'userId',
      to: ['audit_log (PGlite)', 'audit_log (Postgres)'],
      properties: { model: { type: 'string' }, cost: { type: 'number' }, inputTokens: { type: 'integer' }, success: { type: 'boolean' } },
    }),
    payment_failed: event({
      name: 'payment_failed',
      helper: 'paymentFailed',
      kind: 'error',
      level: 'error',
      severity: 'p1',
      to: ['sentry', 'slack'],
      properties: { invoiceId: { type: 'string' }, failureCode: { type: 'string' } },
    }),
  },
}

export const logoProps = { brandId: 'brand-1', jobId: 'job-1', model: 'flux-2-pro', duration_ms: 840, cost: 0.06 }

/** The catalog createLogger takes in the emit-cost runs: logo_generated only. */
export const catalog = defineCatalog<{ logo_generated: typeof logoProps }>({ ...compiled, events: { logo_generated: compiled.events.logo_generated as CompiledEvent } }, {
  logo_generated: z.object({ brandId: z.string(), jobId: z.string(), model: z.string(), duration_ms: z.number().int(), cost: z.number() }).strict(),
})

/** The event each destination is fed in the throughput runs. */
export const FEED: Record<BenchDestination, 'logo_generated' | 'ai_api_call' | 'payment_failed'> = {
  betterstack: 'logo_generated',
  slack: 'payment_failed',
  posthog: 'logo_generated',
  sentry: 'payment_failed',
  mixpanel: 'logo_generated',
  'audit_log (PGlite)': 'ai_api_call',
  'audit_log (Postgres)': 'ai_api_call',
}

/** `n` serialized lines of `eventName`, as createLogger writes them, each with its own eventId. */
export function benchLines(eventName: 'logo_generated' | 'ai_api_call' | 'payment_failed', n: number): string[] {
  const base = { service: 'bench-api', env: 'production', requestId: 'req-1', userId: 'user-1' }
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const time = new Date().toISOString()
    const eventId = randomUUID()
    const line =
      eventName === 'logo_generated'
        ? { level: 'info', time, ...base, eventId, event: eventName, kind: 'analytics', ...logoProps, jobId: `job-${i}`, msg: 'Logo generated for brand-1 with flux-2-pro' }
        : eventName === 'ai_api_call'
          ? { level: 'info', time, ...base, eventId, event: eventName, kind: 'cost', model: 'claude-sonnet-4-6', cost: 0.0042, inputTokens: 900 + i, success: true, msg: 'ai call' }
          : { level: 'error', time, ...base, eventId, event: eventName, kind: 'error', severity: 'p1', invoiceId: `in_${i}`, failureCode: 'card_declined', msg: `Payment failed for invoice in_${i}: card_declined` }
    lines.push(`${JSON.stringify(line)}\n`)
  }
  return lines
}
