/** `events/<name>.html`: everything the catalog says about one event. */
import { LEVEL_VALUES, type AlertRule, type CompiledCatalog, type CompiledEvent } from '../../schema/compiled.js'
import { eventDestinations } from '../../schema/generate/destinations.js'
import { auditParts, sampledText, summaryRows } from '../../schema/generate/event-metadata.js'
import { exampleLine } from '../../schema/generate/example-line.js'
import { propertyRows } from '../../schema/generate/property-rows.js'
import { runtimeRows } from '../../schema/generate/runtime-rows.js'
import { alertsTable, sortedAlerts } from './catalog-tables.js'
import { html, inlineCode, table, type Html, type HtmlValue } from './html.js'
import { page } from './layout.js'

export interface EventPageOptions {
  catalogFile: string
  /** the event's JSON Schema definition (from events.schema.json) */
  schema: unknown
}

function code(text: string): Html {
  return html`<code>${text}</code>`
}

function metadata(event: CompiledEvent): Html {
  const rows: [string, HtmlValue][] = [...summaryRows(event, code), ...runtimeRows(event, code)]
  if (event.message !== undefined) rows.push(['message', code(event.message)])
  if (event.distinctId !== undefined) rows.push(['distinct id', code(event.distinctId)])
  const sampled = sampledText(event)
  if (sampled !== undefined) rows.push(['sampled', sampled])
  const audit = auditParts(event, code)
  if (audit !== undefined) rows.push(['audit', html`${audit}`])
  if (event.deprecated !== undefined) rows.push(['deprecated', event.deprecated])
  if (event.builtin === true) rows.push(['built-in', 'ships with linecast; declare it in the catalog to change it'])
  return table(['field', 'value'], rows, 'metadata')
}

function properties(event: CompiledEvent): Html {
  const rows = propertyRows(event.properties)
  if (rows.length === 0) return html`<p class="muted">No properties.</p>`
  return table(
    ['property', 'type and constraints', 'required', 'PII', 'description'],
    rows.map((r) => [code(r.name), inlineCode(r.type), r.required ? 'yes' : 'no', r.pii || '–', inlineCode(r.description)]),
    'properties',
  )
}

function destinations(compiled: CompiledCatalog, event: CompiledEvent): Html {
  const list = eventDestinations(compiled, event)
  if (list.length === 0) return html`<p class="muted">None: the line goes to stdout only.</p>`
  return html`<ul class="destinations">${list.map((d) => {
    const kind = compiled.destinations[d.name]?.kind
    const via = d.via === 'to' ? 'named by the event' : html`route ${code(d.via)}`
    return html`<li>${code(d.name)}${kind !== undefined ? ` (${kind})` : ''}: ${via}</li>`
  })}</ul>`
}

function pii(event: CompiledEvent): Html {
  const rows = (['hash', 'redact', 'keep'] as const).flatMap((mode) => event.pii[mode].map((path) => [code(path), mode]))
  if (rows.length === 0) return html`<p class="muted">No property is marked as personal data.</p>`
  return table(['path', 'treatment'], rows, 'pii')
}

/** Rules naming this event, and rules watching every line at or below its level. */
function alertsFor(compiled: CompiledCatalog, event: CompiledEvent): AlertRule[] {
  return sortedAlerts(compiled).filter((rule) =>
    rule.when.event !== undefined ? rule.when.event === event.name : LEVEL_VALUES[event.level] >= LEVEL_VALUES[rule.when.level ?? 'trace'],
  )
}

function json(value: unknown): Html {
  return html`<pre><code>${JSON.stringify(value, null, 2)}</code></pre>`
}

export function eventPage(compiled: CompiledCatalog, event: CompiledEvent, options: EventPageOptions): string {
  const deprecated = event.deprecated !== undefined ? html`<p class="callout"><strong>Deprecated:</strong> ${inlineCode(event.deprecated)}</p>` : ''
  const cost = event.kind === 'cost' ? html`<p>Costs are computed with the <a href="../index.html#pricing">pricing table</a>.</p>` : ''
  const body = html`<p><a href="../index.html">← all events</a></p>
<h1>${event.name}</h1>
<p><span class="badge${event.kind === 'error' ? ' error' : ''}">${event.kind}</span>${event.builtin === true ? html`<span class="badge">built-in</span>` : ''}${event.deprecated !== undefined ? html`<span class="badge deprecated">deprecated</span>` : ''}</p>
${deprecated}<p class="description">${inlineCode(event.description)}</p>
${cost}${metadata(event)}
<h2 id="properties">Properties</h2>
${properties(event)}
<h2 id="destinations">Destinations</h2>
${destinations(compiled, event)}
<h2 id="pii">Personal data</h2>
${pii(event)}
<h2 id="alerts">Alerts</h2>
${alertsTable(alertsFor(compiled, event), '../')}
<h2 id="example">Example line</h2>
<pre><code>${JSON.stringify(exampleLine(compiled, event))}</code></pre>
<h2 id="schema">JSON Schema</h2>
${json(options.schema)}`
  return page({ title: `${event.name} · ${compiled.service} events`, service: compiled.service, catalogFile: options.catalogFile, root: '../', body })
}
