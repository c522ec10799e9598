import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { CatalogInvalidError, CatalogNotFoundError, formatDiagnostic, loadCatalog, loadCatalogText, type Diagnostic } from './load.js'

const yaml = (...lines: string[]): string => lines.join('\n') + '\n'
const fixture = (name: string): string => fileURLToPath(new URL(`../test/fixtures/catalogs/${name}`, import.meta.url))

/** The header most cases share: lines 1-7. */
const HEAD = [
  'catalog: 1',
  'service: test',
  'destinations:',
  '  sentry: { kind: sentry, dsn: "${SENTRY_DSN}" }',
  '  posthog: { kind: posthog, apiKey: "${POSTHOG_API_KEY}" }',
  'routes:',
  '  error: [sentry, posthog]',
]

function check(text: string): Diagnostic[] {
  return loadCatalogText(text, 'events.catalog.yaml', { builtin: false }).diagnostics
}
function errors(text: string): Diagnostic[] {
  return check(text).filter((d) => d.severity === 'error')
}
/** `CODE@line:column` for compact assertions */
function where(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)
}
const event = (...lines: string[]): string =>
  yaml(...HEAD, 'events:', '  logo_generated:', '    kind: analytics', '    description: A logo was generated.', ...lines)

describe('loadCatalogText: shape errors with positions', () => {
  test('a valid catalog has no diagnostics', () => {
    expect(check(event('    properties:', '      brandId: { type: string }'))).toEqual([])
  })

  test('YAML syntax error', () => {
    const found = errors(yaml('catalog: 1', 'service: test', 'events:', '  a_happened: { description: "x" ', 'routes: {}'))
    const syntax = found.filter((d) => d.code === 'LC_YAML_SYNTAX')
    expect(syntax.length).toBeGreaterThan(0)
    expect(syntax[0]).toMatchObject({ file: 'events.catalog.yaml', line: 5 })
    expect(syntax[0]?.message).toContain('YAML syntax error')
  })

  test('duplicate keys are an error at the repeated key, in block and flow mappings', () => {
    expect(where(errors(yaml('catalog: 1', 'service: a', 'service: b')))).toEqual(['LC_DUPLICATE_KEY@3:1'])
    const flow = errors(yaml('catalog: 1', 'service: a', 'destinations:', '  s: { kind: sentry, kind: posthog, dsn: x }'))
    expect(where(flow)).toEqual(['LC_DUPLICATE_KEY@4:22'])
  })

  test('an indentation error is reported alone, with the count of the follow-on problems it hides', () => {
    const text = yaml(
      'catalog: 1',
      'service: shop',
      'events:',
      '  signup_completed:',
      '    kind: analytics',
      '    description: A user signed up.',
      '   owner: growth',
      '    properties:',
      '      plan: { type: string }',
    )
    const found = check(text)
    expect(where(found)).toEqual(['LC_YAML_SYNTAX@7:1'])
    expect(found[0]?.message).toMatch(/^YAML syntax error \(BAD_INDENT\): .*; fix this first \(\d+ other problems that may follow from it are not shown\)$/)
  })

  test('unknown top-level key, at the key, with did-you-mean', () => {
    const [d] = errors(yaml('catalog: 1', 'service: test', 'evnts: {}'))
    expect(where([d as Diagnostic])).toEqual(['LC_UNKNOWN_KEY@3:1'])
    expect(d?.message).toBe('unknown top-level key `evnts` in the catalog; did you mean `events`?')
    expect(d?.path).toEqual(['evnts'])
  })

  test('unknown event key', () => {
    const found = errors(event('    descripton: typo'))
    expect(where(found)).toEqual(['LC_UNKNOWN_KEY@12:5'])
    expect(found[0]?.message).toContain('did you mean `description`?')
  })

  test('unknown property key, with the keys of that type', () => {
    const found = errors(event('    properties:', '      brandId: { type: string, maxLenght: 3 }'))
    expect(where(found)).toEqual(['LC_UNKNOWN_KEY@13:32'])
    expect(found[0]?.message).toContain('did you mean `maxLength`?')
  })

  test('wrong type, at the value', () => {
    const found = errors(event('    version: "two"'))
    expect(where(found)).toEqual(['LC_WRONG_TYPE@12:14'])
    expect(found[0]?.message).toBe('events.logo_generated.version must be an integer of at least 1, got the string "two"')
  })

  test('unknown property type', () => {
    const found = errors(event('    properties:', '      brandId: { type: strng }'))
    expect(where(found)).toEqual(['LC_UNKNOWN_PROPERTY_TYPE@13:24'])
    expect(found[0]?.message).toContain('did you mean `string`?')
  })

  test('unknown destination kind', () => {
    const found = errors(yaml('catalog: 1', 'service: test', 'destinations:', '  errors: { kind: sentri, dsn: x }'))
    expect(where(found)).toEqual(['LC_UNKNOWN_DESTINATION_KIND@4:19'])
    expect(found[0]?.message).toContain('did you mean `sentry`?')
  })

  test('`catalog:` missing or not 1', () => {
    expect(where(errors(yaml('service: test')))).toEqual(['LC_CATALOG_VERSION@1:1'])
    expect(where(errors(yaml('service: test', 'catalog: 2')))).toEqual(['LC_CATALOG_VERSION@2:10'])
    expect(where(errors(''))).toEqual(['LC_CATALOG_VERSION@1:1'])
  })

  test('a property named like a reserved field', () => {
    const found = errors(event('    properties:', '      level: { type: string }', '      eventId: { type: string }'))
    expect(where(found)).toEqual(['LC_RESERVED_PROPERTY@13:7', 'LC_RESERVED_PROPERTY@14:7'])
  })

  test('a nested property may reuse a reserved name', () => {
    expect(errors(event('    properties:', '      job: { type: object, properties: { level: { type: string } } }'))).toEqual([])
  })

  test('event name must be snake_case', () => {
    const found = errors(yaml(...HEAD, 'events:', '  LogoGenerated:', '    description: A logo was generated.'))
    expect(where(found)).toEqual(['LC_INVALID_EVENT_NAME@9:3'])
    expect(found[0]?.message).toContain('`logo_generated`')
  })

  test('destinations in `to`, `routes` and `alerts.to` must exist', () => {
    const text = yaml(
      'catalog: 1',
      'service: test',
      'destinations:',
      '  sentry: { kind: sentry, dsn: x }',
      'routes:',
      '  error: [sentry, slak]',
      'events:',
      '  logo_generated:',
      '    description: A logo was generated.',
      '    to: [sentyr]',
      'alerts:',
      '  many_logos:',
      '    when: { event: logo_generated, count: true, over: 1m, above: 5 }',
      '    to: [sentry, pager]',
    )
    const found = errors(text)
    expect(where(found)).toEqual(['LC_UNKNOWN_DESTINATION@6:19', 'LC_UNKNOWN_DESTINATION@10:10', 'LC_UNKNOWN_DESTINATION@14:18'])
    expect(found[1]?.message).toBe('unknown destination `sentyr` in events.logo_generated.to; did you mean `sentry`?')
    expect(found[1]?.path).toEqual(['events', 'logo_generated', 'to', 0])
  })

  test('distinctId names a property or a context field', () => {
    const ok = yaml(...HEAD, 'context: [userId]', 'events:', '  a_happened:', '    description: d', '    distinctId: userId')
    expect(errors(ok)).toEqual([])
    const found = errors(event('    distinctId: usrId', '    properties:', '      userId: { type: string }'))
    expect(where(found)).toEqual(['LC_UNKNOWN_DISTINCT_ID@12:17'])
    expect(found[0]?.message).toContain('did you mean `userId`?')
  })

  test('message placeholders name properties or context fields', () => {
    const found = errors(event('    message: "Logo for {brandId} by {modle}"', '    properties:', '      brandId: { type: string }', '      model: { type: string }'))
    expect(where(found)).toEqual(['LC_UNKNOWN_PLACEHOLDER@12:14'])
    expect(found[0]?.message).toContain('{modle}')
    expect(found[0]?.message).toContain('did you mean `model`?')
  })

  test('audit mapping fields name properties or context fields', () => {
    const found = errors(event('    audit: { action: logo.generate, resourceType: brand, resourceId: brand }', '    properties:', '      brandId: { type: string }'))
    expect(where(found)).toEqual(['LC_UNKNOWN_AUDIT_FIELD@12:70'])
  })

  test('alert rules name real events and real numeric properties', () => {
    const text = yaml(
      ...HEAD,
      'events:',
      '  ai_call_made:',
      '    kind: cost',
      '    description: d',
      '    properties:',
      '      cost: { type: number }',
      '      model: { type: string }',
      'alerts:',
      '  a:',
      '    when: { event: ai_call_mad, count: true, over: 1h, above: 1 }',
      '  b:',
      '    when: { event: ai_call_made, sum: model, over: 1h, above: 1 }',
      '  c:',
      '    when: { event: ai_call_made, p95: costs, over: 1h, above: 1 }',
      '  d:',
      '    when: { event: ai_call_made, sum: cost, over: 1 hour, above: 1 }',
      '  e:',
      '    when: { level: error, over: 1m, above: 10 }',
    )
    const found = errors(text)
    expect(where(found)).toEqual([
      'LC_UNKNOWN_EVENT@17:20',
      'LC_ALERT_PROPERTY@19:39',
      'LC_ALERT_PROPERTY@21:39',
      'LC_INVALID_DURATION@23:51',
    ])
    expect(found[0]?.message).toContain('did you mean `ai_call_made`?')
    expect(found[1]?.message).toContain('a string; measure an integer or number property')
    expect(found[2]?.message).toContain('did you mean `cost`?')
  })

  test('sample outside 0..1', () => {
    expect(where(errors(event('    sample: 1.5')))).toEqual(['LC_SAMPLE_RANGE@12:13'])
    expect(errors(event('    sample: 0.25'))).toEqual([])
  })

  test('enum with no values', () => {
    const found = errors(event('    properties:', '      a: { type: enum, values: [] }', '      b: { type: enum }'))
    expect(where(found)).toEqual(['LC_EMPTY_ENUM@13:32', 'LC_EMPTY_ENUM@14:7'])
  })

  test('malformed ${VAR} template in a destination setting', () => {
    const found = errors(yaml('catalog: 1', 'service: test', 'destinations:', '  sentry: { kind: sentry, dsn: "${SENTRY DSN}" }'))
    expect(where(found)).toEqual(['LC_INVALID_TEMPLATE@4:32'])
  })

  test('route keys are levels or severities', () => {
    const found = errors(yaml('catalog: 1', 'service: test', 'routes:', '  eror: []'))
    expect(where(found)).toEqual(['LC_UNKNOWN_ROUTE@4:3'])
    expect(found[0]?.message).toContain('did you mean `error`?')
  })
})

describe('YAML conveniences', () => {
  test('anchors and merge keys share property sets between events', () => {
    const text = yaml(
      'catalog: 1',
      'service: test',
      'events:',
      '  logo_downloaded:',
      '    description: A logo file was downloaded.',
      '    properties: &logo',
      '      brandId: { type: string }',
      '      logoId: { type: string }',
      '  logo_favorited:',
      '    description: A logo was marked as a favorite.',
      '    properties:',
      '      <<: *logo',
      '      note: { type: strng }',
    )
    const result = loadCatalogText(text, 'events.catalog.yaml', { builtin: false })
    expect(where(result.diagnostics)).toEqual(['LC_UNKNOWN_PROPERTY_TYPE@13:21'])
    expect(Object.keys(result.compiled.events.logo_favorited?.properties ?? {})).toEqual(['brandId', 'logoId'])
  })
})

describe('all errors at once', () => {
  test('reports every error of a broken catalog, sorted by position', () => {
    const result = loadCatalog(fixture('many-errors.yaml'), { builtin: false, throwOnError: false })
    const found = result.diagnostics.filter((d) => d.severity === 'error')
    expect(found.map((d) => d.code)).toEqual([
      'LC_UNKNOWN_KEY',
      'LC_UNKNOWN_DESTINATION_KIND',
      'LC_INVALID_EVENT_NAME',
      'LC_UNKNOWN_KEY',
      'LC_RESERVED_PROPERTY',
      'LC_UNKNOWN_PROPERTY_TYPE',
      'LC_UNKNOWN_DESTINATION',
      'LC_SAMPLE_RANGE',
      'LC_MISSING_DESCRIPTION',
      'LC_UNKNOWN_PLACEHOLDER',
      'LC_UNKNOWN_EVENT',
    ])
    const lines = found.map((d) => d.line)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
  })

  test('loadCatalog throws CatalogInvalidError listing every error', () => {
    const file = fixture('many-errors.yaml')
    let thrown: unknown
    try {
      loadCatalog(file, { builtin: false })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CatalogInvalidError)
    const error = thrown as CatalogInvalidError
    expect(error.code).toBe('LINECAST_CATALOG_INVALID')
    expect(error.message).toContain('has 11 errors')
    for (const d of error.diagnostics.filter((x) => x.severity === 'error')) expect(error.message).toContain(formatDiagnostic(d))
  })

  test('a missing file is CatalogNotFoundError', () => {
    expect(() => loadCatalog(fixture('does-not-exist.yaml'))).toThrow(CatalogNotFoundError)
  })
})

describe('formatDiagnostic', () => {
  test('file:line:column severity code message', () => {
    const d: Diagnostic = {
      severity: 'error',
      code: 'LC_UNKNOWN_DESTINATION',
      message: 'unknown destination `sentyr` in events.logo_generated.to; did you mean `sentry`?',
      file: 'events.catalog.yaml',
      line: 12,
      column: 7,
      path: ['events', 'logo_generated', 'to', 0],
    }
    expect(formatDiagnostic(d)).toBe(
      'events.catalog.yaml:12:7 error LC_UNKNOWN_DESTINATION unknown destination `sentyr` in events.logo_generated.to; did you mean `sentry`?',
    )
  })
})

describe('the shipped catalog', () => {
  test('loads with no errors and no warnings', () => {
    const file = fileURLToPath(new URL('../events.catalog.yaml', import.meta.url))
    const result = loadCatalog(file)
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(result.compiled.service).toBe('bmn-api')
    expect(Object.keys(result.compiled.events)).toEqual(expect.arrayContaining(['logo_generated', 'payment_failed', 'ai_api_call', 'http_request']))
    expect(result.compiled.events.ai_api_call?.builtin).toBeUndefined()
    expect(result.compiled.destinations.posthog?.settings.host).toBe('${POSTHOG_HOST:-https://us.i.posthog.com}')
  })
})
