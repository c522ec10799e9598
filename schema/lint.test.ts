import { describe, expect, test } from 'vitest'
import { endsInPastTense, LINT_RULES } from './lint.js'
import { loadCatalogText, type Diagnostic } from './load.js'

const yaml = (...lines: string[]): string => lines.join('\n') + '\n'
const HEAD = [
  'catalog: 1',
  'service: test',
  'destinations:',
  '  posthog: { kind: posthog, apiKey: "${POSTHOG_API_KEY}" }',
  '  audit: { kind: audit_log, databaseUrl: "${DATABASE_URL}" }',
  '  mixpanel: { kind: mixpanel, token: x }',
  'routes:',
  '  warn: [mixpanel]',
  'events:',
]

function codes(text: string, code: string): string[] {
  return loadCatalogText(text, 'events.catalog.yaml', { builtin: false })
    .diagnostics.filter((d: Diagnostic) => d.code === code)
    .map((d) => `${d.severity}@${d.line}:${d.column}`)
}

describe('LC_MISSING_DESCRIPTION (error)', () => {
  test('an event without a description', () => {
    expect(codes(yaml(...HEAD, '  logo_generated:', '    to: [posthog]'), 'LC_MISSING_DESCRIPTION')).toEqual(['error@10:3'])
    expect(codes(yaml(...HEAD, '  logo_generated:', '    description: "  "'), 'LC_MISSING_DESCRIPTION')).toEqual(['error@10:3'])
  })
  test('a flag without a description', () => {
    expect(codes(yaml('catalog: 1', 'service: s', 'flags:', '  new_wizard: { variants: [a, b] }'), 'LC_MISSING_DESCRIPTION')).toEqual(['error@4:3'])
  })
  test('passes with a description', () => {
    expect(codes(yaml(...HEAD, '  logo_generated:', '    description: A logo was generated.'), 'LC_MISSING_DESCRIPTION')).toEqual([])
  })
})

describe('LC_EVENT_NAME_TENSE (warning)', () => {
  test('an analytics or audit event not named noun_past_tense', () => {
    const text = yaml(...HEAD, '  logo_generate:', '    description: d', '  role_change:', '    kind: audit', '    description: d', '    audit: { action: a, resourceType: r }')
    expect(codes(text, 'LC_EVENT_NAME_TENSE')).toEqual(['warning@10:3', 'warning@12:3'])
  })
  test('past tense, irregular participles and trailing particles pass; metric and cost records are exempt', () => {
    const text = yaml(
      ...HEAD,
      '  logo_generated: { description: d }',
      '  email_sent: { description: d }',
      '  invoice_paid: { description: d }',
      '  user_signed_up: { description: d }',
      '  report_rebuilt: { description: d }',
      '  http_request: { kind: metric, description: d }',
      '  ai_api_call: { kind: cost, description: d }',
      '  database_error: { kind: error, description: d }',
    )
    expect(codes(text, 'LC_EVENT_NAME_TENSE')).toEqual([])
  })
  test('endsInPastTense', () => {
    expect(endsInPastTense('payment_failed')).toBe(true)
    expect(endsInPastTense('logged_in')).toBe(true)
    expect(endsInPastTense('brand_shown')).toBe(true)
    expect(endsInPastTense('checkout')).toBe(false)
    expect(endsInPastTense('sign_up')).toBe(false)
  })
})

describe('LC_EVENT_NAME_STYLE (warning)', () => {
  test('doubled or trailing underscores', () => {
    expect(codes(yaml(...HEAD, '  logo__generated: { description: d }', '  logo_saved_: { description: d }'), 'LC_EVENT_NAME_STYLE')).toEqual([
      'warning@10:3',
      'warning@11:3',
    ])
    expect(codes(yaml(...HEAD, '  logo_generated: { description: d }'), 'LC_EVENT_NAME_STYLE')).toEqual([])
  })
})

describe('LC_PII_KEEP_ANALYTICS (error)', () => {
  test('a kept property on an event sent to posthog through `to`', () => {
    const text = yaml(...HEAD, '  user_signed_up:', '    description: d', '    properties:', '      email: { type: string, pii: keep }', '    to: [posthog, audit]')
    const found = loadCatalogText(text, 'events.catalog.yaml', { builtin: false }).diagnostics.filter((d) => d.code === 'LC_PII_KEEP_ANALYTICS')
    expect(found.map((d) => `${d.severity}@${d.line}:${d.column}`)).toEqual(['error@13:35'])
    expect(found[0]?.message).toContain('hash it (`pii: hash`) or drop it')
  })
  test('a kept nested property on an event reaching mixpanel through a level route', () => {
    const text = yaml(
      ...HEAD,
      '  account_deleted:',
      '    kind: audit',
      '    level: warn',
      '    description: d',
      '    audit: { action: a, resourceType: r }',
      '    properties:',
      '      owner: { type: object, properties: { email: { type: string, pii: keep } } }',
    )
    expect(codes(text, 'LC_PII_KEEP_ANALYTICS')).toEqual(['error@16:72'])
  })
  test('passes when kept data goes to audit only, or is hashed for analytics', () => {
    const text = yaml(
      ...HEAD,
      '  account_deleted:',
      '    kind: audit',
      '    description: d',
      '    audit: { action: a, resourceType: r }',
      '    properties:',
      '      email: { type: string, pii: keep }',
      '    to: [audit]',
      '  user_signed_up:',
      '    description: d',
      '    properties:',
      '      email: { type: string, pii: hash }',
      '    to: [posthog]',
    )
    expect(codes(text, 'LC_PII_KEEP_ANALYTICS')).toEqual([])
  })
})

describe('LC_PII_UNDECLARED (warning)', () => {
  test('an email, phone or IP property without `pii`', () => {
    const text = yaml(
      ...HEAD,
      '  user_signed_up:',
      '    description: d',
      '    properties:',
      '      contact: { type: string, format: email }',
      '      phoneNumber: { type: string }',
      '      ip_address: { type: string }',
      '      emails: { type: array, items: { type: string, format: email } }',
    )
    expect(codes(text, 'LC_PII_UNDECLARED')).toEqual(['warning@13:7', 'warning@14:7', 'warning@15:7', 'warning@16:30'])
  })
  test('passes when each says how to treat it', () => {
    const text = yaml(...HEAD, '  user_signed_up:', '    description: d', '    properties:', '      email: { type: string, format: email, pii: hash }', '      emailVerified: { type: boolean }')
    expect(codes(text, 'LC_PII_UNDECLARED')).toEqual([])
  })
})

describe('LC_AUDIT_MAPPING_MISSING (warning)', () => {
  test('an audit event without an audit mapping', () => {
    expect(codes(yaml(...HEAD, '  role_changed:', '    kind: audit', '    description: d'), 'LC_AUDIT_MAPPING_MISSING')).toEqual(['warning@11:11'])
    expect(
      codes(yaml(...HEAD, '  role_changed:', '    kind: audit', '    description: d', '    audit: { action: role.change, resourceType: user }'), 'LC_AUDIT_MAPPING_MISSING'),
    ).toEqual([])
  })
})

describe('LC_UNUSED_DESTINATION (warning)', () => {
  test('a destination nothing routes to', () => {
    const text = yaml(...HEAD, '  logo_generated: { description: d, to: [posthog] }')
    expect(codes(text, 'LC_UNUSED_DESTINATION')).toEqual(['warning@5:3'])
    const used = yaml(...HEAD, '  logo_generated: { description: d, to: [posthog, audit] }')
    expect(codes(used, 'LC_UNUSED_DESTINATION')).toEqual([])
  })
})

test('every lint rule is listed with its code, severity and summary', () => {
  expect(LINT_RULES.map((r) => r.code)).toEqual([
    'LC_MISSING_DESCRIPTION',
    'LC_EVENT_NAME_TENSE',
    'LC_EVENT_NAME_STYLE',
    'LC_PII_KEEP_ANALYTICS',
    'LC_PII_UNDECLARED',
    'LC_AUDIT_MAPPING_MISSING',
    'LC_UNUSED_DESTINATION',
  ])
  for (const rule of LINT_RULES) expect(rule.summary.length).toBeGreaterThan(10)
})
