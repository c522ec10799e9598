import { describe, expect, test } from 'vitest'
import { loadCatalogText } from './load.js'

const yaml = (...lines: string[]): string => lines.join('\n') + '\n'
const compile = (text: string, builtin = false) => {
  const result = loadCatalogText(text, 'events.catalog.yaml', { builtin })
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return result.compiled
}

describe('compileCatalog', () => {
  test('events get helper names and defaults', () => {
    const compiled = compile(
      yaml(
        'catalog: 1',
        'service: svc',
        'events:',
        '  logo_generated:',
        '    description: A logo was generated.',
        '    properties:',
        '      brandId: string',
        '  database_error:',
        '    kind: error',
        '    description: A query failed.',
        '    version: 3',
        '    deprecated: "replaced by query_failed"',
        '    sample: 0.5',
        '    severity: p0',
      ),
    )
    expect(compiled.events.logo_generated).toEqual({
      name: 'logo_generated',
      helper: 'logoGenerated',
      kind: 'analytics',
      description: 'A logo was generated.',
      level: 'info',
      version: 1,
      to: [],
      properties: { brandId: { type: 'string' } },
      pii: { hash: [], redact: [], keep: [] },
    })
    expect(compiled.events.database_error).toMatchObject({
      helper: 'databaseError',
      level: 'error',
      version: 3,
      deprecated: 'replaced by query_failed',
      sample: 0.5,
      severity: 'p0',
    })
  })

  test('pii paths are dotted, with [] for list elements', () => {
    const compiled = compile(
      yaml(
        'catalog: 1',
        'service: svc',
        'events:',
        '  order_placed:',
        '    kind: audit',
        '    description: An order was placed.',
        '    audit: { action: order.place, resourceType: order }',
        '    properties:',
        '      email: { type: string, format: email, pii: hash }',
        '      customer:',
        '        type: object',
        '        properties:',
        '          email: { type: string, pii: keep }',
        '          phone: { type: string, pii: redact }',
        '          name: { type: string }',
        '      items:',
        '        type: array',
        '        items: { type: object, properties: { giftEmail: { type: string, pii: hash }, sku: { type: string } } }',
        '      tags: { type: array, items: { type: string, pii: redact } }',
        '      address: { type: object, pii: redact, properties: { street: { type: string, pii: keep } } }',
      ),
    )
    expect(compiled.events.order_placed?.pii).toEqual({
      hash: ['email', 'items[].giftEmail'],
      redact: ['customer.phone', 'tags[]', 'address'],
      keep: ['customer.email'],
    })
  })

  test('alerts: window in ms, measure and property from the measure key', () => {
    const compiled = compile(
      yaml(
        'catalog: 1',
        'service: svc',
        'destinations:',
        '  slack: { kind: slack, webhookUrl: "${SLACK_WEBHOOK_URL}" }',
        'events:',
        '  ai_api_call:',
        '    kind: cost',
        '    description: An AI call.',
        '    properties:',
        '      cost: { type: number }',
        'alerts:',
        '  cost_anomaly:',
        '    description: Spend spike.',
        '    when: { event: ai_api_call, sum: cost, over: 1h, above: 10 }',
        '    to: [slack]',
        '    severity: p1',
        '  error_burst:',
        '    when: { level: error, over: 30s, above: 3 }',
        '  calls:',
        '    when: { event: ai_api_call, count: true, over: 1d, above: 1000 }',
      ),
    )
    expect(compiled.alerts.cost_anomaly).toEqual({
      name: 'cost_anomaly',
      description: 'Spend spike.',
      when: { event: 'ai_api_call', measure: 'sum', property: 'cost', windowMs: 3_600_000, over: '1h', above: 10 },
      to: ['slack'],
      severity: 'p1',
    })
    expect(compiled.alerts.error_burst?.when).toEqual({ level: 'error', measure: 'count', windowMs: 30_000, over: '30s', above: 3 })
    expect(compiled.alerts.calls?.when).toMatchObject({ event: 'ai_api_call', measure: 'count', windowMs: 86_400_000 })
    expect(compiled.alerts.calls?.when.property).toBeUndefined()
  })

  test('destinations keep ${VAR} templates, split out level, infer kind from the name', () => {
    const compiled = compile(
      yaml(
        'catalog: 1',
        'service: svc',
        'piiKey: ${PII_HASH_KEY}',
        'destinations:',
        '  betterstack: { token: "${BETTERSTACK_SOURCE_TOKEN}", url: "${BETTERSTACK_URL:-https://in.logs.betterstack.com}", level: warn }',
        '  audit: { kind: audit_log, databaseUrl: "${DATABASE_URL}", table: audit_log }',
        'routes:',
        '  info: [betterstack]',
        '  p0: [audit]',
      ),
    )
    expect(compiled.piiKey).toBe('${PII_HASH_KEY}')
    expect(compiled.destinations.betterstack).toEqual({
      kind: 'betterstack',
      level: 'warn',
      settings: { token: '${BETTERSTACK_SOURCE_TOKEN}', url: '${BETTERSTACK_URL:-https://in.logs.betterstack.com}' },
    })
    expect(compiled.destinations.audit).toEqual({ kind: 'audit_log', settings: { databaseUrl: '${DATABASE_URL}', table: 'audit_log' } })
    expect(compiled.routes).toEqual({ info: ['betterstack'], p0: ['audit'] })
  })

  test('pricing, flags and thresholds (defaults merged with overrides)', () => {
    const compiled = compile(
      yaml(
        'catalog: 1',
        'service: svc',
        'pricing:',
        '  claude-sonnet-4-6: { inputPer1M: 3.00, outputPer1M: 15.00 }',
        '  veo-3: { perSecond: 0.40 }',
        'flags:',
        '  new_wizard: { description: New wizard., owner: product, variants: [control, test], default: test }',
        '  dark_mode: { description: Dark theme. }',
        'thresholds:',
        '  api: { warnMs: 800 }',
        '  queue: { warnMs: 100, criticalMs: 900 }',
      ),
    )
    expect(compiled.pricing).toEqual({ 'claude-sonnet-4-6': { inputPer1M: 3, outputPer1M: 15 }, 'veo-3': { perSecond: 0.4 } })
    expect(compiled.flags.new_wizard).toEqual({
      name: 'new_wizard',
      helper: 'newWizard',
      description: 'New wizard.',
      owner: 'product',
      variants: ['control', 'test'],
      default: 'test',
    })
    expect(compiled.flags.dark_mode).toEqual({ name: 'dark_mode', helper: 'darkMode', description: 'Dark theme.', default: false })
    expect(compiled.thresholds).toEqual({
      api: { warnMs: 800, criticalMs: 3000 },
      database: { warnMs: 500, criticalMs: 2000 },
      external: { warnMs: 2000, criticalMs: 5000 },
      queue: { warnMs: 100, criticalMs: 900 },
    })
  })
})

describe('the built-in catalog part', () => {
  const minimal = yaml('catalog: 1', 'service: svc')

  test('merges under the catalog and lints clean', () => {
    const result = loadCatalogText(minimal, 'events.catalog.yaml')
    expect(result.diagnostics).toEqual([])
    const { events, alerts } = result.compiled
    for (const name of [
      'http_request',
      'job_started',
      'job_completed',
      'job_failed',
      'ai_api_call',
      'alert_triggered',
      'cost_anomaly_detected',
      'cost_report_generated',
      'cron_job_started',
      'cron_job_completed',
      'cron_job_failed',
      'slow_operation_detected',
      'critical_slowness_detected',
      'unhandled_error',
    ]) {
      expect(events[name]?.builtin, name).toBe(true)
    }
    expect(events.ai_api_call?.audit).toEqual({ action: 'ai.call', resourceType: 'model', resourceId: 'model' })
    expect(events.job_failed?.level).toBe('error')
    expect(events.critical_slowness_detected?.severity).toBe('p1')
    expect(alerts.error_spike?.when).toEqual({ level: 'error', measure: 'count', windowMs: 60_000, over: '1m', above: 10 })
    expect(alerts.slow_requests?.when).toMatchObject({ event: 'http_request', measure: 'p95', property: 'responseTime', windowMs: 300_000, above: 500 })
  })

  test('a catalog event or alert of the same name replaces the built-in one', () => {
    const result = loadCatalogText(
      yaml(
        'catalog: 1',
        'service: svc',
        'events:',
        '  http_request:',
        '    kind: metric',
        '    description: Our own request line.',
        '    properties:',
        '      route: { type: string }',
        '      responseTime: { type: integer }',
        'alerts:',
        '  error_spike:',
        '    when: { level: error, count: true, over: 5m, above: 100 }',
      ),
      'events.catalog.yaml',
    )
    expect(result.diagnostics).toEqual([])
    expect(result.compiled.events.http_request?.builtin).toBeUndefined()
    expect(Object.keys(result.compiled.events.http_request?.properties ?? {})).toEqual(['route', 'responseTime'])
    expect(result.compiled.alerts.error_spike?.when.above).toBe(100)
    expect(result.compiled.events.job_started?.builtin).toBe(true)
  })

  test('builtin: false leaves it out', () => {
    const { compiled } = loadCatalogText(minimal, 'events.catalog.yaml', { builtin: false })
    expect(compiled.events).toEqual({})
    expect(compiled.alerts).toEqual({})
  })

  test('a built-in alert is checked against the event that replaced the built-in one', () => {
    const result = loadCatalogText(
      yaml('catalog: 1', 'service: svc', 'events:', '  http_request:', '    kind: metric', '    description: Our own request line.'),
      'events.catalog.yaml',
    )
    const errors = result.diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => d.code)).toEqual(['LC_ALERT_PROPERTY'])
    expect(errors[0]?.file).toMatch(/builtin\.catalog\.yaml$/)
  })
})
