import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadCatalogText } from '../../schema/load.js'
import { buildDocsSite } from './site.js'
import { writeSite } from './write.js'

const CATALOG = `catalog: 1
service: shop
destinations:
  posthog: { kind: posthog, apiKey: k }
  sentry: { kind: sentry, dsn: d }
routes:
  error: [sentry]
pricing:
  gpt-x: { inputPer1M: 1.5 }
events:
  order_placed:
    kind: analytics
    description: An order was placed.
    owner: checkout
    deprecated: use \`order_created\`
    properties:
      email: { type: string, format: email, pii: hash }
      items: { type: array, items: { type: object, properties: { sku: { type: string, maxLength: 12 } } }, maxItems: 5 }
    to: [posthog]
  order_failed:
    kind: error
    description: An order could not be placed.
    properties:
      reason: { type: string }
`

function site(text = CATALOG) {
  const { compiled } = loadCatalogText(text, 'events.catalog.yaml', { builtin: false })
  return buildDocsSite(compiled, { catalogFile: 'events.catalog.yaml', schemas: { order_placed: { type: 'object' } } })
}

describe('buildDocsSite', () => {
  let dir = ''
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it('gives the same files for the same catalog, a page per event, and the assets', () => {
    const first = site()
    expect(site()).toEqual(first)
    expect(first.map((f) => f.path)).toEqual(['index.html', 'events/order_failed.html', 'events/order_placed.html', 'assets/site.css', 'assets/site.js'])
  })

  it('carries the facts of an event on its page', () => {
    const page = site().find((f) => f.path === 'events/order_placed.html')?.contents ?? ''
    expect(page).toContain('<p class="callout"><strong>Deprecated:</strong> use <code>order_created</code></p>')
    expect(page).toContain('<td><code>items[].sku</code></td><td>string, ≤ 12 chars</td>')
    expect(page).toContain('<td><code>email</code></td><td>hash</td>')
    expect(page).toContain('<li><code>posthog</code> (posthog): named by the event</li>')
    expect(page).toContain('<pre><code>{\n  &quot;type&quot;: &quot;object&quot;\n}</code></pre>')
    const failed = site().find((f) => f.path === 'events/order_failed.html')?.contents ?? ''
    expect(failed).toContain('<li><code>sentry</code> (sentry): route <code>level:error</code></li>')
  })

  it('tags each index row with what the filters match', () => {
    const index = site()[0]?.contents ?? ''
    expect(index).toContain(
      '<tr data-event="order_placed" data-kind="analytics" data-owner="checkout" data-destinations="posthog" data-search="order_placed an order was placed. checkout email items items[].sku">',
    )
    expect(index).toContain('<option value="checkout">checkout</option>')
    expect(index).toContain('<td><code>gpt-x</code></td><td>$1.5</td>')
  })

  it('writes what changed and removes the pages of events that are gone, never other files', () => {
    dir = mkdtempSync(join(tmpdir(), 'linecast-site-'))
    expect(writeSite(dir, site())).toEqual({ written: 5, unchanged: 0, removed: [] })
    writeFileSync(join(dir, 'events', 'notes.html'), '<p>kept: not generated</p>')
    const fewer = site(CATALOG.replace(/  order_failed:[\s\S]*$/, ''))
    expect(writeSite(dir, fewer)).toEqual({ written: 1, unchanged: 3, removed: ['events/order_failed.html'] })
    expect(readdirSync(join(dir, 'events')).sort()).toEqual(['notes.html', 'order_placed.html'])
    expect(readFileSync(join(dir, 'events', 'notes.html'), 'utf8')).toBe('<p>kept: not generated</p>')
  })
})
