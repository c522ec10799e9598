import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest'
import { createFlags, FLAG_FALLBACK_EVENT } from '../../integrations/flags/create-flags.js'
import { FlagsOptionsError, type Flags } from '../../integrations/flags/index.js'
import { catalog, type LinecastFlags } from '../../generated/events.js'
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest, type ScriptedReply } from '../support/http-receiver.js'
import { posthogMessages } from '../support/posthog-batch.js'
import { captureLogger, linesOf } from './capture-logger.js'

/** A /flags (v2) answer. */
function flagsAnswer(flags: Record<string, { enabled: boolean; variant?: string }>): object {
  return {
    flags: Object.fromEntries(
      Object.entries(flags).map(([key, f]) => [
        key,
        { key, enabled: f.enabled, variant: f.variant ?? null, reason: { code: 'condition_match', description: 'Matched condition set 1' }, metadata: { id: 1, version: 3, payload: null } },
      ]),
    ),
    errorsWhileComputingFlags: false,
    requestId: 'req-1',
  }
}

/** Local evaluation definitions: new_wizard all in `test`, fast_mockups on for plan=pro. */
const DEFINITIONS = {
  flags: [
    {
      id: 11,
      key: 'new_wizard',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: 100 }],
        multivariate: { variants: [{ key: 'control', rollout_percentage: 0 }, { key: 'test', rollout_percentage: 100 }] },
      },
    },
    {
      id: 12,
      key: 'fast_mockups',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', type: 'person', operator: 'exact', value: ['pro'] }], rollout_percentage: 100 }] },
    },
  ],
  group_type_mapping: {},
  cohorts: {},
}

const isFlags = (r: ReceivedRequest): boolean => r.method === 'POST' && r.url.startsWith('/flags')
const isDefinitions = (r: ReceivedRequest): boolean => r.method === 'GET' && r.url.startsWith('/flags/definitions')

async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

let receiver: HttpReceiver
let flags: Flags<LinecastFlags> | undefined

function serve(answer: (req: ReceivedRequest) => ScriptedReply | undefined): void {
  receiver.fallback = (req) => answer(req) ?? { status: 200, body: {} }
}

beforeEach(async () => {
  receiver = await startHttpReceiver()
})
afterEach(async () => {
  await flags?.shutdown(5000)
  flags = undefined
  await receiver.close()
})

describe('feature flags, remote evaluation', () => {
  it('answers each flag typed from the catalog and captures $feature_flag_called', async () => {
    serve((req) => (isFlags(req) ? { body: flagsAnswer({ new_wizard: { enabled: true, variant: 'test' }, fast_mockups: { enabled: true } }) } : undefined))
    const { log, out } = captureLogger()
    flags = createFlags<LinecastFlags>(catalog, { apiKey: 'phc_test', host: receiver.url, logger: log })
    expectTypeOf(flags.newWizard).returns.resolves.toEqualTypeOf<'control' | 'test'>()
    expectTypeOf(flags.fastMockups).returns.resolves.toEqualTypeOf<boolean>()

    expect(await flags.newWizard('u_1')).toBe('test')
    expect(await flags.fastMockups('u_1', { personProperties: { plan: 'pro' } })).toBe(true)
    const asked = receiver.requests.filter(isFlags).map((r) => r.json as Record<string, unknown>)
    expect(asked[0]).toMatchObject({ token: 'phc_test', distinct_id: 'u_1' })
    expect(asked[1]).toMatchObject({ person_properties: expect.objectContaining({ plan: 'pro' }) })

    await flags.shutdown(5000)
    flags = undefined
    const called = posthogMessages(receiver.requests).filter((m) => m.event === '$feature_flag_called')
    expect(called.map((m) => [m.distinct_id, m.properties.$feature_flag, m.properties.$feature_flag_response])).toEqual([
      ['u_1', 'new_wizard', 'test'],
      ['u_1', 'fast_mockups', true],
    ])
    expect(linesOf(out, FLAG_FALLBACK_EVENT)).toEqual([])
  })

  it('gives the default to a user a multivariate flag is off for', async () => {
    serve((req) => (isFlags(req) ? { body: flagsAnswer({ new_wizard: { enabled: false }, fast_mockups: { enabled: false } }) } : undefined))
    flags = createFlags<LinecastFlags>(catalog, { apiKey: 'phc_test', host: receiver.url })
    expect(await flags.newWizard('u_2')).toBe('control')
    expect(await flags.fastMockups('u_2')).toBe(false)
  })

  it('falls back, with a warning, on a variant the catalog does not declare', async () => {
    serve((req) => (isFlags(req) ? { body: flagsAnswer({ new_wizard: { enabled: true, variant: 'test-b' } }) } : undefined))
    const { log, out } = captureLogger()
    flags = createFlags<LinecastFlags>(catalog, { apiKey: 'phc_test', host: receiver.url, logger: log })
    expect(await flags.newWizard('u_3')).toBe('control')
    expect(linesOf(out, FLAG_FALLBACK_EVENT)).toEqual([expect.objectContaining({ level: 'warn', flag: 'new_wizard', variant: 'test-b' })])
  })
})

describe('feature flags, local evaluation', () => {
  it('polls the definitions with the personal API key and evaluates without asking /flags', async () => {
    serve((req) => (isDefinitions(req) ? { body: DEFINITIONS } : undefined))
    flags = createFlags<LinecastFlags>(catalog, { apiKey: 'phc_test', host: receiver.url, personalApiKey: 'phx_personal' })
    expect(await flags.ready(5000)).toBe(true)
    expect(await flags.newWizard('u_4')).toBe('test')
    expect(await flags.fastMockups('u_4', { personProperties: { plan: 'pro' } })).toBe(true)
    expect(await flags.fastMockups('u_5', { personProperties: { plan: 'free' } })).toBe(false)
    const definitions = receiver.requests.filter(isDefinitions)
    expect(definitions[0]?.headers.authorization).toBe('Bearer phx_personal')
    expect(definitions[0]?.url).toContain('token=phc_test')
    expect(receiver.requests.filter(isFlags)).toEqual([])

    await flags.shutdown(5000)
    flags = undefined
    const called = posthogMessages(receiver.requests).filter((m) => m.event === '$feature_flag_called')
    expect(called).toHaveLength(3)
    expect(called[0]?.properties).toMatchObject({ $feature_flag: 'new_wizard', $feature_flag_response: 'test', locally_evaluated: true })
  })
})

describe('feature flags, PostHog unreachable', () => {
  it('returns the catalog defaults and warns once per flag', async () => {
    const { log, out } = captureLogger()
    flags = createFlags<LinecastFlags>(catalog, { apiKey: 'phc_test', host: await closedPortUrl(), logger: log, requestTimeoutMs: 1000, sendFeatureFlagEvents: false })
    expect(await flags.newWizard('u_6')).toBe('control')
    expect(await flags.newWizard('u_7')).toBe('control')
    expect(await flags.fastMockups('u_6')).toBe(false)
    const warnings = linesOf(out, FLAG_FALLBACK_EVENT)
    expect(warnings.map((w) => [w.flag, w.default])).toEqual([
      ['new_wizard', 'control'],
      ['fast_mockups', false],
    ])
    expect(String(warnings[0]?.msg)).toMatch(/check that PostHog is reachable/)
  })
})

describe('createFlags options', () => {
  it('says what is missing', () => {
    expect(() => createFlags(catalog, { apiKey: '', host: 'https://us.i.posthog.com' })).toThrow(FlagsOptionsError)
    expect(() => createFlags(catalog, { apiKey: 'phc', host: 'us.i.posthog.com' })).toThrow(/http\(s\) URL/)
  })
})
