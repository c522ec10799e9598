/** `linecast docs` on the shipped catalog, opened from disk in headless Chromium. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { loadCatalog } from '../../schema/load.js'
import { repoRoot, runInProcess, type InProcessResult } from './run-cli.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Fails the suite (never skips it) when the browser is not installed. */
function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/services.sh (it installs it) or set CHROMIUM_PATH`)
  }
}

function linecast(cwd: string, argv: string[]): Promise<InProcessResult> {
  return runInProcess(cwd, argv)
}

async function visibleEvents(page: Page): Promise<string[]> {
  return page.$$eval('#events tbody tr:not([hidden])', (rows) => rows.map((row) => row.getAttribute('data-event') ?? ''))
}

describe('linecast docs in a browser', () => {
  let dir = ''
  let site = ''
  let browser: Browser | undefined
  let page: Page
  let compiled: CompiledCatalog

  beforeAll(async () => {
    requireChromium()
    dir = mkdtempSync(join(tmpdir(), 'linecast-docs-'))
    site = join(dir, 'site')
    const catalog = join(repoRoot, 'events.catalog.yaml')
    compiled = loadCatalog(catalog).compiled
    const result = await linecast(repoRoot, ['docs', '--catalog', catalog, '--out', site])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(pathToFileURL(join(site, 'index.html')).href)
    expect(errors).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it('lists every event of the compiled catalog', async () => {
    const names = Object.keys(compiled.events).sort()
    expect(await visibleEvents(page)).toEqual(names)
    expect(await page.textContent('#count')).toBe(`${names.length} events`)
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true })
    await page.screenshot({ path: join(repoRoot, 'test-results', 'docs-index.png'), fullPage: false })
  })

  it('filters as the search text is typed: name, description, owner or property', async () => {
    const total = Object.keys(compiled.events).length
    const matching = (term: string): string[] =>
      Object.values(compiled.events)
        .filter((e) => [e.name, e.description, e.owner ?? '', ...Object.keys(e.properties)].join(' ').toLowerCase().includes(term))
        .map((e) => e.name)
        .sort()
    await page.fill('#search', 'logo')
    const logo = matching('logo')
    expect(logo.length).toBeGreaterThan(0)
    expect(logo.length).toBeLessThan(total)
    expect(await visibleEvents(page)).toEqual(logo)
    expect(await page.textContent('#count')).toBe(`${logo.length} of ${total} events`)
    // a property name only: `failureCode` is on payment_failed
    await page.fill('#search', 'failurecode')
    expect(await visibleEvents(page)).toEqual(['payment_failed'])
    await page.fill('#search', 'no such thing anywhere')
    expect(await visibleEvents(page)).toEqual([])
    expect(await page.isVisible('#empty')).toBe(true)
    await page.fill('#search', '')
    expect(await visibleEvents(page)).toHaveLength(total)
  })

  it('filters by kind, owner and destination', async () => {
    const events = Object.values(compiled.events)
    await page.selectOption('#filter-kind', 'audit')
    expect(await visibleEvents(page)).toEqual(events.filter((e) => e.kind === 'audit').map((e) => e.name).sort())
    await page.selectOption('#filter-kind', '')
    await page.selectOption('#filter-owner', 'billing')
    const billing = events.filter((e) => e.owner === 'billing').map((e) => e.name).sort()
    expect(await visibleEvents(page)).toEqual(billing)
    await page.selectOption('#filter-destination', 'slack')
    // payment_failed names slack and routes p1 there
    expect(await visibleEvents(page)).toEqual(['payment_failed'])
    await page.selectOption('#filter-owner', '')
    await page.selectOption('#filter-destination', '')
    expect(await visibleEvents(page)).toHaveLength(events.length)
  })

  it('opens an event page with its properties, destinations, example line and JSON Schema', async () => {
    await page.click('#events a[href="events/logo_generated.html"]')
    await page.waitForURL(/events\/logo_generated\.html$/)
    expect(await page.textContent('h1')).toBe('logo_generated')
    const trs = page.locator('table.properties tbody tr')
    const rows = await Promise.all(Array.from({ length: await trs.count() }, (_, i) => trs.nth(i).locator('td').allTextContents()))
    const properties = compiled.events.logo_generated?.properties ?? {}
    expect(rows.map((r) => r[0])).toEqual(Object.keys(properties))
    expect(rows.find((r) => r[0] === 'logoCount')).toEqual(['logoCount', 'integer, ≥ 1', 'no', '–', ''])
    expect(await page.textContent('ul.destinations')).toContain('posthog (posthog): named by the event')
    const example = JSON.parse((await page.textContent('#example + pre')) ?? '') as Record<string, unknown>
    expect(example).toMatchObject({ event: 'logo_generated', service: 'bmn-api' })
    const schema = JSON.parse((await page.textContent('#schema + pre')) ?? '') as { required?: string[] }
    expect(schema.required).toEqual(Object.entries(properties).filter(([, p]) => p.optional !== true).map(([k]) => k))
    await page.click('text=← all events')
    await page.waitForURL(/index\.html$/)
  })

  it('shows the pricing and alert tables', async () => {
    const pricing = await page.$$eval('table.pricing tbody tr td:first-child', (tds) => tds.map((td) => td.textContent))
    expect(pricing).toEqual(Object.keys(compiled.pricing).sort())
    const alerts = await page.$$eval('table.alerts tbody tr td:first-child', (tds) => tds.map((td) => td.textContent))
    expect(alerts).toEqual(Object.keys(compiled.alerts).sort())
  })

  it('escapes catalog text: markup in a description stays text', async () => {
    const catalog = join(dir, 'hostile.catalog.yaml')
    writeFileSync(
      catalog,
      'catalog: 1\nservice: "<b>shop</b>"\nevents:\n  thing_done:\n    kind: analytics\n    description: "<img src=x onerror=\\"window.hacked=1\\"> & `code`"\n    owner: "<i>ops</i>"\n',
    )
    const out = join(dir, 'hostile')
    expect((await linecast(dir, ['docs', '--catalog', catalog, '--out', out])).code).toBe(0)
    const hostile = await browser!.newPage()
    await hostile.goto(pathToFileURL(join(out, 'events', 'thing_done.html')).href)
    expect(await hostile.$$('main img, main i, main b')).toHaveLength(0)
    expect(await hostile.textContent('p.description')).toBe('<img src=x onerror="window.hacked=1"> & code')
    expect(await hostile.evaluate(() => (globalThis as { hacked?: number }).hacked)).toBeUndefined()
    await hostile.close()
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('&lt;b&gt;shop&lt;/b&gt; events')
  })
})
