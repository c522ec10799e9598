/**
 * `EVENTS.md`: the human view of the catalog. A contents list grouped by
 * kind, a section per event (metadata, properties, destinations, an example
 * line), then destinations, pricing, alerts and flags.
 */
import { EVENT_KINDS, type CompiledCatalog, type CompiledEvent } from '../compiled.js'
import { sortedEventNames } from './canonical.js'
import { eventDestinations } from './destinations.js'
import { auditParts, sampledText, summaryRows } from './event-metadata.js'
import { exampleLine } from './example-line.js'
import { headerText } from './header.js'
import { anchor, code, table } from './markdown.js'
import { propertyRows } from './property-rows.js'
import { runtimeRows } from './runtime-rows.js'

export interface EventsMdOptions {
  catalogFile: string
}

function eventsOf(compiled: CompiledCatalog): CompiledEvent[] {
  return sortedEventNames(compiled)
    .map((name) => compiled.events[name])
    .filter((e): e is CompiledEvent => e !== undefined)
}

function contents(events: readonly CompiledEvent[]): string {
  const kinds = [...EVENT_KINDS, ...new Set(events.map((e) => e.kind).filter((k) => !EVENT_KINDS.includes(k)))]
  const groups = kinds
    .map((kind) => ({ kind, events: events.filter((e) => e.kind === kind) }))
    .filter((g) => g.events.length > 0)
  return groups
    .map((g) => `- **${g.kind}**\n${g.events.map((e) => `  - [${e.name}](#${anchor(e.name)})${e.builtin === true ? ' (built-in)' : ''}${e.deprecated !== undefined ? ' (deprecated)' : ''}\n`).join('')}`)
    .join('')
}

function metadata(event: CompiledEvent): string {
  const rows: [string, string][] = [...summaryRows(event, code), ...runtimeRows(event, code)]
  if (event.builtin === true) rows.push(['built-in', 'yes: ships with linecast; override it in the catalog to change it'])
  if (event.deprecated !== undefined) rows.push(['deprecated', event.deprecated])
  const sampled = sampledText(event)
  if (sampled !== undefined) rows.push(['sampled', sampled])
  if (event.distinctId !== undefined) rows.push(['distinct id', code(event.distinctId)])
  const audit = auditParts(event, code)
  if (audit !== undefined) rows.push(['audit', audit.join('')])
  return table(['field', 'value'], rows)
}

function properties(event: CompiledEvent): string {
  const rows = propertyRows(event.properties)
  if (rows.length === 0) return 'No properties.\n'
  return table(
    ['property', 'type', 'required', 'PII', 'description'],
    rows.map((r) => [code(r.name), r.type, r.required ? 'yes' : 'no', r.pii, r.description]),
  )
}

function destinations(compiled: CompiledCatalog, event: CompiledEvent): string {
  const list = eventDestinations(compiled, event)
  if (list.length === 0) return 'None: the line goes to stdout only.\n'
  return list
    .map((d) => {
      const kind = compiled.destinations[d.name]?.kind
      const via = d.via === 'to' ? 'named by the event' : `route ${code(d.via)}`
      return `- ${code(d.name)}${kind !== undefined ? ` (${kind})` : ''}: ${via}\n`
    })
    .join('')
}

function eventSection(compiled: CompiledCatalog, event: CompiledEvent): string {
  const deprecated = event.deprecated !== undefined ? `> **Deprecated:** ${event.deprecated}\n\n` : ''
  return [
    `### ${event.name}\n\n`,
    deprecated,
    `${event.description}\n\n`,
    metadata(event),
    `\n#### Properties\n\n`,
    properties(event),
    `\n#### Destinations\n\n`,
    destinations(compiled, event),
    `\n#### Example line\n\n`,
    '```json\n',
    `${JSON.stringify(exampleLine(compiled, event))}\n`,
    '```\n',
  ].join('')
}

function destinationsSection(compiled: CompiledCatalog): string {
  const names = Object.keys(compiled.destinations).sort()
  if (names.length === 0) return ''
  const routes = (name: string): string =>
    Object.keys(compiled.routes)
      .sort()
      .filter((key) => compiled.routes[key]?.includes(name))
      .join(', ')
  const rows = names.map((name) => {
    const spec = compiled.destinations[name]
    return [code(name), spec?.kind ?? '', spec?.level ?? '–', routes(name) || '–']
  })
  return `## Destinations\n\n${table(['name', 'kind', 'lowest level', 'routes'], rows)}\n`
}

function money(value: number | undefined): string {
  return value === undefined ? '–' : `$${value}`
}

function pricingSection(compiled: CompiledCatalog): string {
  const models = Object.keys(compiled.pricing).sort()
  if (models.length === 0) return ''
  const rows = models.map((model) => {
    const p = compiled.pricing[model] ?? {}
    return [code(model), money(p.inputPer1M), money(p.outputPer1M), money(p.cachedInputPer1M), money(p.perImage), money(p.perVideo), money(p.perSecond)]
  })
  const headers = ['model', 'input / 1M tokens', 'output / 1M tokens', 'cached input / 1M', 'per image', 'per video', 'per second']
  return `## Pricing\n\n${table(headers, rows)}\n`
}

function alertsSection(compiled: CompiledCatalog): string {
  const names = Object.keys(compiled.alerts).sort()
  if (names.length === 0) return ''
  const rows = names.map((name) => {
    const rule = compiled.alerts[name]
    if (rule === undefined) return []
    const { when } = rule
    const watches = when.event !== undefined ? code(when.event) : `lines at ${when.level ?? 'error'} and above`
    const measure = when.property !== undefined ? `${when.measure}(${when.property})` : when.measure
    return [code(name), watches, `${measure} over ${when.over} > ${when.above}`, rule.to.map(code).join(', '), rule.severity ?? '–', rule.description ?? '']
  })
  return `## Alerts\n\n${table(['alert', 'watches', 'fires when', 'to', 'severity', 'description'], rows)}\n`
}

function flagsSection(compiled: CompiledCatalog): string {
  const names = Object.keys(compiled.flags).sort()
  if (names.length === 0) return ''
  const rows = names.map((name) => {
    const flag = compiled.flags[name]
    if (flag === undefined) return []
    return [code(name), flag.variants?.map(code).join(', ') ?? 'boolean', code(String(flag.default)), flag.owner ?? '–', flag.description]
  })
  return `## Feature flags\n\n${table(['flag', 'variants', 'default', 'owner', 'description'], rows)}\n`
}

function summary(events: readonly CompiledEvent[], catalogFile: string): string {
  const builtin = events.filter((e) => e.builtin === true).length
  const own = events.length - builtin
  const builtinText = builtin > 0 ? `, and ${builtin} built into linecast` : ''
  return `${own} event${own === 1 ? '' : 's'} declared in ${code(catalogFile)}${builtinText}.`
}

export function renderEventsMd(compiled: CompiledCatalog, options: EventsMdOptions): string {
  const events = eventsOf(compiled)
  return [
    `<!-- ${headerText(options.catalogFile)} -->\n\n`,
    `# ${compiled.service} events\n\n`,
    `${summary(events, options.catalogFile)}\n\n`,
    `## Contents\n\n`,
    contents(events),
    events.length === 0 ? '' : `\n## Events\n\n`,
    events.map((e) => eventSection(compiled, e)).join('\n'),
    '\n',
    destinationsSection(compiled),
    pricingSection(compiled),
    alertsSection(compiled),
    flagsSection(compiled),
  ]
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n+$/, '\n')
}
