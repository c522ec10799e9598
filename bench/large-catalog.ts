/**
 * A catalog of `count` events as YAML text, for the catalog benchmark and the
 * test that a large generated events.ts type-checks. Every event has the
 * property shapes a real catalog uses (formats, bounds, enums, optional
 * fields, arrays, a nested object) so the generated code exercises each
 * generator path; names are distinct and snake_case, messages name properties.
 */

const KINDS = ['analytics', 'audit', 'cost', 'error', 'metric'] as const

function eventYaml(index: number): string {
  const name = `thing_${index}_happened`
  const kind = KINDS[index % KINDS.length] ?? 'analytics'
  const lines = [
    `  ${name}:`,
    `    kind: ${kind}`,
    `    description: Thing number ${index} happened to a user's brand.`,
    `    owner: team_${index % 17}`,
    '    distinctId: userId',
    `    message: "Thing ${index} happened to {brandId} in {duration_ms}"`,
    '    properties:',
    '      brandId: { type: string, maxLength: 64 }',
    '      duration_ms: { type: integer, min: 0 }',
    '      cost: { type: number, min: 0, optional: true }',
    `      status: { type: enum, values: [ok_${index % 7}, failed, retried] }`,
  ]
  // every third event a list, every fourth an email and a nested object: each generator path, at a realistic size
  if (index % 3 === 0) lines.push('      tags: { type: array, items: { type: string }, maxItems: 10, optional: true }')
  if (index % 4 === 0) {
    lines.push(
      '      email: { type: string, format: email, pii: hash, optional: true }',
      '      detail: { type: object, optional: true, properties: { step: { type: integer, min: 1 }, note: { type: string, optional: true } } }',
    )
  }
  if (kind === 'audit') lines.push('    audit: { action: thing.happen, resourceType: brand, resourceId: brandId }')
  if (kind === 'error') lines.push('    severity: p2')
  lines.push(kind === 'audit' ? '    to: [log_sink, audit]' : '    to: [log_sink]')
  return lines.join('\n')
}

export function largeCatalogYaml(count: number): string {
  const events = Array.from({ length: count }, (_v, i) => eventYaml(i)).join('\n')
  return [
    'catalog: 1',
    'service: bench-api',
    'context: [requestId, userId, brandId]',
    'destinations:',
    '  log_sink: { kind: betterstack, token: bench, url: "http://127.0.0.1:9/" }',
    '  audit: { kind: audit_log, databaseUrl: "", table: audit_log }',
    'events:',
    events,
    '',
  ].join('\n')
}
