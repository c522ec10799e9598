/**
 * A small hand-written catalog for the emitter tests: the compiled plain data
 * plus zod schemas, shaped like `generated/events.ts`.
 */
import { z } from 'zod'
import type { CompiledCatalog, CompiledEvent } from '../../schema/compiled.js'
import { defineCatalog } from '../../schema/define.js'

export interface FixtureEvents {
  logo_generated: {
    brandId: string
    jobId: string
    model: 'flux-2-pro' | 'ideogram-3'
    duration_ms: number
    cost: number
    prompt?: string
  }
  user_signed_up: {
    userId: string
    email: string
    plan: 'free' | 'pro'
    phone?: string
    referrer?: string
  }
  webhook_received: {
    provider: string
    token: string
    attempts: number
    payload: { items: { sku: string; note: string; internalNote?: string }[]; signature?: string }
  }
  payment_failed: {
    reason: string
    amount: number
    customer: { email: string; country: string }
  }
  legacy_export: {
    rows: number
  }
}

function event(e: Partial<CompiledEvent> & Pick<CompiledEvent, 'name' | 'helper' | 'kind' | 'properties'>): CompiledEvent {
  return {
    description: `${e.name} (fixture)`,
    level: 'info',
    version: 1,
    to: [],
    pii: { hash: [], redact: [], keep: [] },
    ...e,
  }
}

export const fixtureCompiled: CompiledCatalog = {
  catalog: 1,
  service: 'bmn-api',
  piiKey: '${PII_HASH_KEY}',
  redact: ['internalNote'],
  context: ['requestId', 'userId', 'tenant', 'jobId'],
  destinations: {},
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
      message: 'Logo generated for {brandId} with {model}',
      properties: {
        brandId: { type: 'string' },
        jobId: { type: 'string' },
        model: { type: 'enum', values: ['flux-2-pro', 'ideogram-3'] },
        duration_ms: { type: 'integer', min: 0 },
        cost: { type: 'number', min: 0 },
        prompt: { type: 'string', optional: true },
      },
    }),
    user_signed_up: event({
      name: 'user_signed_up',
      helper: 'userSignedUp',
      kind: 'analytics',
      distinctId: 'userId',
      message: 'User {userId} signed up on {plan}',
      properties: {
        userId: { type: 'string' },
        email: { type: 'string', format: 'email', pii: 'hash' },
        plan: { type: 'enum', values: ['free', 'pro'] },
        phone: { type: 'string', optional: true, pii: 'redact' },
        referrer: { type: 'string', optional: true },
      },
      pii: { hash: ['email'], redact: ['phone'], keep: [] },
    }),
    webhook_received: event({
      name: 'webhook_received',
      helper: 'webhookReceived',
      kind: 'audit',
      message: 'Webhook from {provider} (request {requestId})',
      properties: {
        provider: { type: 'string' },
        token: { type: 'string' },
        attempts: { type: 'integer' },
        payload: {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  sku: { type: 'string' },
                  note: { type: 'string' },
                  internalNote: { type: 'string', optional: true },
                },
              },
            },
            signature: { type: 'string', optional: true },
          },
        },
      },
    }),
    payment_failed: event({
      name: 'payment_failed',
      helper: 'paymentFailed',
      kind: 'error',
      level: 'error',
      severity: 'p1',
      properties: {
        reason: { type: 'string' },
        amount: { type: 'number' },
        customer: {
          type: 'object',
          properties: { email: { type: 'string', pii: 'hash' }, country: { type: 'string' } },
        },
      },
      pii: { hash: ['customer.email'], redact: [], keep: [] },
    }),
    legacy_export: event({
      name: 'legacy_export',
      helper: 'legacyExport',
      kind: 'analytics',
      level: 'debug',
      deprecated: 'use data_exported',
      properties: { rows: { type: 'integer' } },
    }),
  },
}

const item = z.object({ sku: z.string(), note: z.string(), internalNote: z.string().optional() }).strict()

export const fixtureCatalog = defineCatalog<FixtureEvents>(fixtureCompiled, {
  logo_generated: z
    .object({
      brandId: z.string(),
      jobId: z.string(),
      model: z.enum(['flux-2-pro', 'ideogram-3']),
      duration_ms: z.number().int().min(0),
      cost: z.number().min(0),
      prompt: z.string().optional(),
    })
    .strict(),
  user_signed_up: z
    .object({
      userId: z.string(),
      email: z.email(),
      plan: z.enum(['free', 'pro']),
      phone: z.string().optional(),
      referrer: z.string().optional(),
    })
    .strict(),
  webhook_received: z
    .object({
      provider: z.string(),
      token: z.string(),
      attempts: z.number().int(),
      payload: z.object({ items: z.array(item), signature: z.string().optional() }).strict(),
    })
    .strict(),
  payment_failed: z
    .object({
      reason: z.string(),
      amount: z.number(),
      customer: z.object({ email: z.string(), country: z.string() }).strict(),
    })
    .strict(),
  legacy_export: z.object({ rows: z.number().int() }).strict(),
})

export const FIXTURE_PII_KEY = 'test-pii-key-0123456789abcdef'
