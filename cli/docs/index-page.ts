/** `index.html`: every event in one searchable, filterable table, then the catalog-wide tables. */
import { EVENT_KINDS, type CompiledCatalog, type CompiledEvent } from '../../schema/compiled.js'
import { eventDestinations } from '../../schema/generate/destinations.js'
import { propertyRows } from '../../schema/generate/property-rows.js'
import { alertsTable, destinationsTable, eventLink, flagsTable, pricingTable, sortedAlerts } from './catalog-tables.js'
import { html, inlineCode, type Html } from './html.js'
import { page } from './layout.js'

export interface IndexPageOptions {
  catalogFile: string
}

/** What the search box matches: name, description, owner and property names, lowercased. */
export function searchText(event: CompiledEvent): string {
  const properties = propertyRows(event.properties).map((row) => row.name)
  return [event.name, event.description, event.owner ?? '', ...properties].join(' ').toLowerCase()
}

function badges(event: CompiledEvent): Html {
  return html`${event.builtin === true ? html` <span class="badge">built-in</span>` : ''}${event.deprecated !== undefined ? html` <span class="badge deprecated">deprecated</span>` : ''}`
}

function row(compiled: CompiledCatalog, event: CompiledEvent): Html {
  const destinations = eventDestinations(compiled, event).map((d) => d.name)
  const level = event.severity !== undefined ? `${event.level} / ${event.severity}` : event.level
  return html`<tr data-event="${event.name}" data-kind="${event.kind}" data-owner="${event.owner ?? ''}" data-destinations="${destinations.join(' ')}" data-search="${searchText(event)}">
<td>${eventLink(event.name, '')}${badges(event)}</td><td>${event.kind}</td><td>${event.owner ?? '–'}</td><td>${level}</td><td>${destinations.length > 0 ? destinations.join(', ') : '–'}</td><td>${inlineCode(event.description)}</td></tr>
`
}

function select(id: string, label: string, values: readonly string[]): Html {
  return html`<label for="${id}">${label}<select id="${id}"><option value="">all</option>${values.map((v) => html`<option value="${v}">${v}</option>`)}</select></label>`
}

function filters(compiled: CompiledCatalog, events: readonly CompiledEvent[]): Html {
  const kinds = EVENT_KINDS.filter((kind) => events.some((e) => e.kind === kind))
  const owners = [...new Set(events.map((e) => e.owner).filter((o): o is string => o !== undefined))].sort()
  const destinations = [...new Set(events.flatMap((e) => eventDestinations(compiled, e).map((d) => d.name)))].sort()
  return html`<div class="filters">
<label for="search">Search<input id="search" type="search" placeholder="name, description, owner or property" autocomplete="off"></label>
${select('filter-kind', 'Kind', kinds)}
${select('filter-owner', 'Owner', owners)}
${select('filter-destination', 'Destination', destinations)}
</div>`
}

export function sortedEvents(compiled: CompiledCatalog): CompiledEvent[] {
  return Object.keys(compiled.events)
    .sort()
    .map((name) => compiled.events[name])
    .filter((e): e is CompiledEvent => e !== undefined)
}

export function indexPage(compiled: CompiledCatalog, options: IndexPageOptions): string {
  const events = sortedEvents(compiled)
  const builtin = events.filter((e) => e.builtin === true).length
  const body = html`<h1>${compiled.service} events</h1>
<p>${events.length - builtin} events declared in <code>${options.catalogFile}</code>${builtin > 0 ? `, and ${builtin} built into linecast` : ''}.</p>
<h2 id="events">Events</h2>
${filters(compiled, events)}
<p id="count">${events.length} ${events.length === 1 ? 'event' : 'events'}</p>
<table id="events"><thead><tr><th>event</th><th>kind</th><th>owner</th><th>level</th><th>destinations</th><th>description</th></tr></thead>
<tbody>
${events.map((e) => row(compiled, e))}</tbody></table>
<p id="empty" hidden>No event matches.</p>
<h2 id="destinations">Destinations</h2>
${destinationsTable(compiled)}
<h2 id="pricing">Pricing</h2>
${pricingTable(compiled)}
<h2 id="alerts">Alerts</h2>
${alertsTable(sortedAlerts(compiled), '')}
<h2 id="flags">Feature flags</h2>
${flagsTable(compiled)}`
  return page({ title: `${compiled.service} events`, service: compiled.service, catalogFile: options.catalogFile, root: '', body, script: true })
}
