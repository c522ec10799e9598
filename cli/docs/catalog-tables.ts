/** The catalog-wide tables of the index: destinations and routes, pricing, alerts, feature flags. */
import type { AlertRule, CompiledCatalog } from '../../schema/compiled.js'
import { html, table, type Html, type HtmlValue } from './html.js'

export function eventLink(name: string, root: string): Html {
  return html`<a href="${root}events/${name}.html"><code>${name}</code></a>`
}

function dash(value: HtmlValue): HtmlValue {
  return value === undefined || value === '' ? '–' : value
}

export function destinationsTable(compiled: CompiledCatalog): Html {
  const names = Object.keys(compiled.destinations).sort()
  if (names.length === 0) return html`<p class="muted">No destinations: every line goes to stdout only.</p>`
  const routes = (name: string): string =>
    Object.keys(compiled.routes)
      .sort()
      .filter((key) => compiled.routes[key]?.includes(name))
      .join(', ')
  return table(
    ['name', 'kind', 'lowest level', 'routes'],
    names.map((name) => {
      const spec = compiled.destinations[name]
      return [html`<code>${name}</code>`, spec?.kind, dash(spec?.level), dash(routes(name))]
    }),
  )
}

function money(value: number | undefined): string {
  return value === undefined ? '–' : `$${value}`
}

export function pricingTable(compiled: CompiledCatalog): Html {
  const models = Object.keys(compiled.pricing).sort()
  if (models.length === 0) return html`<p class="muted">No pricing declared.</p>`
  return table(
    ['model', 'input / 1M tokens', 'output / 1M tokens', 'cached input / 1M', 'per image', 'per video', 'per second'],
    models.map((model) => {
      const p = compiled.pricing[model] ?? {}
      return [html`<code>${model}</code>`, money(p.inputPer1M), money(p.outputPer1M), money(p.cachedInputPer1M), money(p.perImage), money(p.perVideo), money(p.perSecond)]
    }),
    'pricing',
  )
}

function watches(rule: AlertRule, root: string): HtmlValue {
  return rule.when.event !== undefined ? eventLink(rule.when.event, root) : `lines at ${rule.when.level ?? 'trace'} and above`
}

export function alertCondition(rule: AlertRule): string {
  const { when } = rule
  const measure = when.property !== undefined ? `${when.measure}(${when.property})` : when.measure
  return `${measure} over ${when.over} > ${when.above}`
}

export function alertsTable(rules: readonly AlertRule[], root: string): Html {
  if (rules.length === 0) return html`<p class="muted">No alerts.</p>`
  return table(
    ['alert', 'watches', 'fires when', 'to', 'severity', 'description'],
    rules.map((rule) => [
      html`<code>${rule.name}</code>`,
      watches(rule, root),
      alertCondition(rule),
      rule.to.map((d, i) => html`${i > 0 ? ', ' : ''}<code>${d}</code>`),
      dash(rule.severity),
      rule.description ?? '',
    ]),
    'alerts',
  )
}

export function sortedAlerts(compiled: CompiledCatalog): AlertRule[] {
  return Object.keys(compiled.alerts)
    .sort()
    .map((name) => compiled.alerts[name])
    .filter((rule): rule is AlertRule => rule !== undefined)
}

export function flagsTable(compiled: CompiledCatalog): Html {
  const names = Object.keys(compiled.flags).sort()
  if (names.length === 0) return html`<p class="muted">No feature flags.</p>`
  return table(
    ['flag', 'variants', 'default', 'owner', 'description'],
    names.map((name) => {
      const flag = compiled.flags[name]
      return [
        html`<code>${name}</code>`,
        flag?.variants !== undefined ? flag.variants.map((v, i) => html`${i > 0 ? ', ' : ''}<code>${v}</code>`) : 'on/off',
        html`<code>${String(flag?.default ?? '')}</code>`,
        dash(flag?.owner),
        flag?.description ?? '',
      ]
    }),
  )
}
