/** A small compiled catalog and line builders shared by the audit_log tests. */
import { randomBytes, randomUUID } from 'node:crypto'
import type { CompiledEvent, EventKind } from '../../schema/compiled.js'
import type { Level } from '../../schema/compiled.js'
import type { LogLine, SinkContext } from '../../transports/worker/delivery/types.js'
import { compiledCatalog, compiledEvent } from '../support/compiled-catalog.js'

function event(name: string, kind: EventKind, extra: Partial<CompiledEvent> = {}): CompiledEvent {
  return compiledEvent(name, { kind, to: ['audit'], ...extra })
}

export const catalog = compiledCatalog({
  service: 'brand-api',
  context: ['requestId', 'userId', 'tenant', 'jobId'],
  destinations: { audit: { kind: 'audit_log', settings: {} } },
  events: {
    ai_api_call: event('ai_api_call', 'cost', {
      properties: {
        model: { type: 'string' },
        brandId: { type: 'string' },
        cost: { type: 'number' },
        inputTokens: { type: 'integer', optional: true },
        outputTokens: { type: 'integer', optional: true },
        images: { type: 'integer', optional: true },
        success: { type: 'boolean' },
      },
    }),
    brand_deleted: event('brand_deleted', 'audit', {
      distinctId: 'actorId',
      audit: { action: 'brand.delete', resourceType: 'brand', resourceId: 'brandId' },
      properties: { actorId: { type: 'string' }, brandId: { type: 'string' }, reason: { type: 'string' } },
    }),
    page_viewed: event('page_viewed', 'analytics', { properties: { path: { type: 'string' } } }),
  },
})

export function line(eventName: string, fields: Record<string, unknown> = {}, level: Level = 'info'): LogLine {
  return {
    level,
    time: new Date().toISOString(),
    eventId: randomUUID(),
    service: 'brand-api',
    env: 'test',
    event: eventName,
    kind: catalog.events[eventName]?.kind ?? 'analytics',
    msg: eventName,
    ...fields,
  }
}

export function aiCall(fields: Record<string, unknown> = {}): LogLine {
  return line('ai_api_call', {
    requestId: 'req-1',
    userId: 'user-1',
    model: 'gpt-4o',
    brandId: 'brand-1',
    cost: 0.25,
    inputTokens: 100,
    outputTokens: 50,
    success: true,
    ...fields,
  })
}

export interface Reported {
  level: Level
  msg: string
  fields?: Record<string, unknown>
}

export function context(settings: Record<string, unknown>, reports: Reported[] = []): SinkContext {
  return {
    settings,
    catalog,
    report: (level, msg, fields) => void reports.push(fields === undefined ? { level, msg } : { level, msg, fields }),
  }
}

/** A table name no other test uses. */
export function uniqueTable(prefix = 'audit_log_test'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`
}

/** A signal that never aborts, for sends that must not time out. */
export function noTimeout(): AbortSignal {
  return new AbortController().signal
}

/** Resolves once `check` returns true; rejects after `timeoutMs`. Polls, never sleeps a fixed time before checking. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}
