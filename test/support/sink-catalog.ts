/**
 * A small compiled catalog for the Sentry and PostHog sink tests: an error
 * event, two analytics events (one with `pii: keep` and `pii: hash` properties),
 * a cost anomaly and the built-in alert line.
 */
import type { CompiledCatalog, CompiledEvent, EventKind, Level, PropertySpec } from '../../schema/compiled.js'
import { compiledCatalog, compiledEvent } from './compiled-catalog.js'

function event(
  name: string,
  kind: EventKind,
  level: Level,
  properties: Record<string, PropertySpec>,
  extra: Partial<CompiledEvent> = {},
): CompiledEvent {
  const pii: CompiledEvent['pii'] = { hash: [], redact: [], keep: [] }
  for (const [key, spec] of Object.entries(properties)) if (spec.pii) pii[spec.pii].push(key)
  const helper = name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())
  return compiledEvent(name, { helper, kind, level, properties, pii, ...extra })
}

export function sinkCatalog(overrides: Partial<CompiledCatalog> = {}): CompiledCatalog {
  return compiledCatalog({
    service: 'brand-api',
    redact: ['stripeSecret'],
    context: ['requestId', 'userId', 'anonymousId', 'brandId', 'tenantId', 'jobId', 'queue', 'attempt'],
    events: {
      generation_failed: event('generation_failed', 'error', 'error', {
        model: { type: 'string' },
        reason: { type: 'string' },
      }),
      logo_generated: event(
        'logo_generated',
        'analytics',
        'info',
        { style: { type: 'string' }, count: { type: 'integer' }, prompt: { type: 'string', pii: 'keep' } },
        { distinctId: 'userId' },
      ),
      user_signed_up: event(
        'user_signed_up',
        'analytics',
        'info',
        {
          accountId: { type: 'string' },
          plan: { type: 'enum', values: ['free', 'pro'] },
          email: { type: 'string', pii: 'hash' },
          fullName: { type: 'string', pii: 'keep' },
          referrer: { type: 'string', optional: true },
        },
        { distinctId: 'accountId' },
      ),
      cost_anomaly_detected: event('cost_anomaly_detected', 'cost', 'warn', {
        observedUsd: { type: 'number' },
        expectedUsd: { type: 'number' },
      }),
    },
    ...overrides,
  })
}
