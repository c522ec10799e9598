import { describe, expect, test } from 'vitest'
import { RESERVED_FIELDS } from './compiled.js'
import { loadCatalogText } from './load.js'
import { PROTOTYPE_NAMES } from './read/prototype-names.js'

function reserved(context: string): string[] {
  const text = ['catalog: 1', 'service: s', `context: ${context}`, 'events:', '  thing_happened: { kind: metric, description: d }', ''].join('\n')
  return loadCatalogText(text, 'c.yaml', { builtin: false })
    .diagnostics.filter((d) => d.code === 'LC_RESERVED_PROPERTY')
    .map((d) => `${d.line}:${d.column} ${d.message}`)
}

describe('context fields named like a field every line carries', () => {
  test('are errors with the position of the entry', () => {
    const found = reserved('[requestId, level, msg]')
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/^3:22 context field `level` collides with the `level` field every line carries; rename it/)
    expect(found[1]).toMatch(/^3:29 context field `msg` collides/)
  })

  test('ordinary correlation fields pass', () => {
    expect(reserved('[requestId, userId, tenantId, brandId, jobId]')).toEqual([])
  })
})

describe('a deprecated event', () => {
  function found(deprecated: string): string[] {
    const text = ['catalog: 1', 'service: s', 'events:', '  thing_happened:', '    kind: metric', '    description: d', deprecated, '    properties:', '      deprecated: { type: boolean }', ''].join('\n')
    return loadCatalogText(text, 'c.yaml', { builtin: false })
      .diagnostics.filter((d) => d.code === 'LC_RESERVED_PROPERTY')
      .map((d) => `${d.line}:${d.column} ${d.message}`)
  }

  test('may not have a property named `deprecated`: its lines carry `deprecated: true`', () => {
    expect(found('    deprecated: use other_thing_happened')).toEqual([
      expect.stringMatching(/^9:7 property `deprecated` collides with the `deprecated: true` every line of the deprecated event `thing_happened` carries; rename it/),
    ])
  })

  test('an event that is not deprecated may', () => {
    expect(found('    owner: o')).toEqual([])
  })
})

describe('names every JavaScript object already has', () => {
  const load = (text: string) => loadCatalogText(text, 'c.yaml', { builtin: false })
  const found = (text: string): string[] =>
    load(text)
      .diagnostics.filter((d) => d.code === 'LC_RESERVED_NAME')
      .map((d) => `${d.line}:${d.column} ${d.message}`)
  const head = ['catalog: 1', 'service: s', 'destinations:', '  logs: { kind: betterstack, token: t }']
  const catalog = (...lines: string[]): string => [...head, ...lines, ''].join('\n')

  test.each(PROTOTYPE_NAMES)('`%s` is rejected as a property, a nested property and a context field, with a rename', (name) => {
    const quoted = JSON.stringify(name)
    const text = catalog(
      `context: [requestId, ${quoted}]`,
      'events:',
      '  thing_happened:',
      '    kind: metric',
      '    description: d',
      '    to: [logs]',
      '    properties:',
      `      ${quoted}: { type: string }`,
      '      detail:',
      '        type: object',
      '        properties:',
      `          ${quoted}: { type: integer }`,
    )
    const bare = name.replace(/^_+|_+$/g, '')
    expect(found(text)).toEqual([
      `5:22 context field \`${name}\` in context is a name every JavaScript object already has (Object.prototype.${name}); rename it, e.g. \`${bare}Field\``,
      `12:7 property \`${name}\` in events.thing_happened.properties is a name every JavaScript object already has (Object.prototype.${name}); rename it, e.g. \`${bare}Field\``,
      `16:11 property \`${name}\` in events.thing_happened.properties.detail.properties is a name every JavaScript object already has (Object.prototype.${name}); rename it, e.g. \`${bare}Field\``,
    ])
    // nothing vanished silently: the other property is still there
    expect(Object.keys(load(text).compiled.events.thing_happened?.properties ?? {})).toEqual(['detail'])
  })

  test('an event or flag whose name or helper is one of them is rejected; alerts, destinations, pricing and thresholds too', () => {
    const text = catalog(
      '  constructor: { kind: slack, webhookUrl: x }',
      'events:',
      '  constructor: { kind: metric, description: d, to: [logs] }',
      '  to_string: { kind: metric, description: d, to: [logs] }',
      '  value_of: { kind: metric, description: d, to: [logs] }',
      'flags:',
      '  has_own_property: { description: d }',
      'alerts:',
      '  constructor: { when: { level: error, count: true, over: 1m, above: 1 }, to: [logs] }',
      'pricing:',
      '  constructor: { perImage: 1 }',
      'thresholds:',
      '  toString: { warnMs: 1, criticalMs: 2 }',
    )
    expect(found(text).map((line) => line.replace(/ is a name every JavaScript object already has.*rename it, e\.g\./, ' ->'))).toEqual([
      '5:3 destination `constructor` in destinations -> `constructor_destination`',
      '7:3 event `constructor` in events -> `constructor_event`',
      '8:3 event `to_string` (its helper is `toString`) in events -> `to_string_event`',
      '9:3 event `value_of` (its helper is `valueOf`) in events -> `value_of_event`',
      '11:3 flag `has_own_property` (its helper is `hasOwnProperty`) in flags -> `has_own_property_flag`',
      '13:3 alert `constructor` in alerts -> `constructor_alert`',
      '15:3 pricing model `constructor` in pricing -> `constructor_model`',
      '17:3 threshold category `toString` in thresholds -> `to_string_calls`',
    ])
  })

  test('a line field every line carries is still LC_RESERVED_PROPERTY, for each of them', () => {
    for (const name of RESERVED_FIELDS) {
      const text = catalog('events:', '  thing_happened:', '    kind: metric', '    description: d', '    to: [logs]', '    properties:', `      ${name}: { type: string }`)
      const codes = load(text).diagnostics.map((d) => d.code)
      expect(codes, name).toContain('LC_RESERVED_PROPERTY')
    }
  })

  test('the maps the loader builds have no prototype', () => {
    const { compiled } = load(catalog('events:', '  thing_happened: { kind: metric, description: d, to: [logs] }'))
    for (const map of [compiled.events, compiled.destinations, compiled.routes, compiled.alerts, compiled.pricing, compiled.flags, compiled.thresholds]) {
      expect(Object.getPrototypeOf(map)).toBe(null)
    }
    expect(compiled.events.constructor).toBeUndefined()
    expect(Object.getPrototypeOf(compiled.events.thing_happened?.properties)).toBe(null)
  })
})

describe('the audit_log table', () => {
  const tableErrors = (table: string): string[] =>
    loadCatalogText(
      ['catalog: 1', 'service: s', 'destinations:', `  audit: { kind: audit_log, table: ${JSON.stringify(table)} }`, ''].join('\n'),
      'c.yaml',
      { builtin: false },
    )
      .diagnostics.filter((d) => d.code === 'LC_INVALID_TABLE_NAME')
      .map((d) => `${d.line}:${d.column} ${d.message}`)

  test('a table that is not an identifier is a load-time error at the setting', () => {
    expect(tableErrors('audit_log; DROP TABLE x')).toEqual([
      expect.stringMatching(/^4:36 destinations\.audit\.table: "audit_log; DROP TABLE x" is not a usable table name: use letters, digits and underscores/),
    ])
    expect(tableErrors('${AUDIT_TABLE:-audit log}')).toHaveLength(1)
    expect(tableErrors('"quoted"')).toHaveLength(1)
  })

  test('plain, schema-qualified and environment-supplied names pass', () => {
    for (const table of ['audit_log', 'audit.audit_log', '${AUDIT_TABLE}', '${AUDIT_TABLE:-audit_log}']) expect(tableErrors(table), table).toEqual([])
  })
})

describe('a destination with an unknown kind', () => {
  test('is reported once, not again by every route, event and alert that names it', () => {
    const text = [
      'catalog: 1',
      'service: s',
      'destinations:',
      '  hog: { kind: posthgo, apiKey: x }',
      'routes:',
      '  info: [hog]',
      'events:',
      '  signup_completed: { kind: analytics, description: d, to: [hog] }',
      'alerts:',
      '  errors_spiked: { when: { level: error, count: true, over: 1m, above: 1 }, to: [hog, nowhere] }',
      '',
    ].join('\n')
    const errors = loadCatalogText(text, 'c.yaml', { builtin: false }).diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => `${d.code}@${d.line}`)).toEqual(['LC_UNKNOWN_DESTINATION_KIND@4', 'LC_UNKNOWN_DESTINATION@10'])
    expect(errors[1]?.message).toContain('unknown destination `nowhere`')
  })
})
