/**
 * The catalog of the secret-corpus tests: every HTTP and database destination
 * on at once (Sentry, PostHog, audit_log, Betterstack, Mixpanel, Slack), an
 * analytics probe routed to the analytics ones and the audit table, and an
 * error probe routed to Slack (Sentry and Betterstack take it by level).
 */
import { z } from 'zod'
import type { CompiledCatalog, PropertySpec } from '../../schema/compiled.js'
import { defineCatalog } from '../../schema/define.js'
import { compiledCatalog, compiledEvent } from '../support/compiled-catalog.js'
import type { HttpReceiver } from '../support/http-receiver.js'

export interface ProbeEvents {
  secret_probe: {
    text: string
    url: string
    query: string
    json: string
    nested: { deeper: { value: string } }
    headers: { authorization: string; cookie: string; xTrace: string }
  }
  probe_failed: { reason: string }
}

const str: PropertySpec = { type: 'string' }

export const probeCompiled: CompiledCatalog = compiledCatalog({
  service: 'secret-corpus',
  context: ['requestId', 'userId'],
  destinations: {
    sentry: { kind: 'sentry', settings: { dsn: '${SENTRY_DSN}' } },
    posthog: { kind: 'posthog', settings: { apiKey: '${POSTHOG_API_KEY}', host: '${POSTHOG_HOST}' } },
    audit: { kind: 'audit_log', settings: { databaseUrl: '${DATABASE_URL}', table: 'audit_log' } },
    betterstack: { kind: 'betterstack', settings: { token: '${BETTERSTACK_SOURCE_TOKEN}', url: '${BETTERSTACK_URL}', level: 'info' } },
    mixpanel: { kind: 'mixpanel', settings: { token: '${MIXPANEL_TOKEN}', url: '${MIXPANEL_URL}' } },
    slack: { kind: 'slack', settings: { webhookUrl: '${SLACK_WEBHOOK_URL}', dedupeWindow: 0 } },
  },
  routes: { info: ['betterstack'], error: ['betterstack', 'sentry'] },
  events: {
    secret_probe: compiledEvent('secret_probe', {
      helper: 'secretProbe',
      distinctId: 'userId',
      message: 'Probe {text} at {url}',
      to: ['posthog', 'mixpanel', 'audit', 'slack'],
      audit: { action: 'probe.seen', resourceType: 'probe' },
      properties: {
        text: str,
        url: str,
        query: str,
        json: str,
        nested: { type: 'object', properties: { deeper: { type: 'object', properties: { value: str } } } },
        headers: { type: 'object', properties: { authorization: str, cookie: str, xTrace: str } },
      },
    }),
    probe_failed: compiledEvent('probe_failed', {
      helper: 'probeFailed',
      kind: 'error',
      level: 'error',
      message: 'Probe failed: {reason}',
      to: ['slack'],
      properties: { reason: str },
    }),
  },
})

export const probeCatalog = defineCatalog<ProbeEvents>(probeCompiled, {
  secret_probe: z
    .object({
      text: z.string(),
      url: z.string(),
      query: z.string(),
      json: z.string(),
      nested: z.object({ deeper: z.object({ value: z.string() }).strict() }).strict(),
      headers: z.object({ authorization: z.string(), cookie: z.string(), xTrace: z.string() }).strict(),
    })
    .strict(),
  probe_failed: z.object({ reason: z.string() }).strict(),
})

export interface ProbeReceivers {
  sentry: HttpReceiver
  posthog: HttpReceiver
  betterstack: HttpReceiver
  mixpanel: HttpReceiver
  slack: HttpReceiver
}

/** The `${VAR}` values pointing every destination at its local receiver. */
export function probeVars(r: ProbeReceivers, databaseUrl: string): Record<string, string> {
  return {
    SENTRY_DSN: `http://publickey@127.0.0.1:${r.sentry.port}/1`,
    POSTHOG_API_KEY: 'phc_corpus',
    POSTHOG_HOST: r.posthog.url,
    DATABASE_URL: databaseUrl,
    BETTERSTACK_SOURCE_TOKEN: 'bs-corpus',
    BETTERSTACK_URL: `${r.betterstack.url}/ingest`,
    MIXPANEL_TOKEN: 'mp-corpus',
    MIXPANEL_URL: `${r.mixpanel.url}/import`,
    SLACK_WEBHOOK_URL: `${r.slack.url}/services/T0/B0/corpus`,
  }
}
