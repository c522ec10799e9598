/**
 * The generated events.browser.ts in headless Chromium: a page bundled with
 * esbuild (the generated module, linecast/browser, posthog-js) tracks events;
 * PostHog events reach a local posthog-compatible receiver through posthog-js,
 * the others reach linecast's browserCollector on another origin. Hashes made
 * with Web Crypto equal the Node logger's.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserCollector, type BrowserCollectorHandler } from '../../integrations/http/index.js'
import { createLineChecker } from '../../cli/verify/check-line.js'
import { repoRoot } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { createRuntimeProject, nodeLogger, PII_KEY, type RuntimeProject } from './project.js'
import { posthogJsEvents } from './posthog-js-requests.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const PAGE_SOURCE = `
import posthog from 'posthog-js'
import { createTrack } from './generated/events.browser.ts'

interface Config { posthogHost: string; collectorUrl: string; piiKey: string }

async function runTracking(cfg: Config) {
  posthog.init('phc_runtime_test', {
    api_host: cfg.posthogHost, autocapture: false, capture_pageview: false, capture_pageleave: false,
    disable_session_recording: true, disable_surveys: true, advanced_disable_flags: true,
    disable_external_dependency_loading: true, persistence: 'memory', request_batching: false,
    // headless Chromium announces itself as a bot, which posthog-js drops by default
    opt_out_useragent_filter: true,
  })
  const track = createTrack({ posthog, collector: { url: cfg.collectorUrl }, piiKey: cfg.piiKey })
  await track.signupFormSubmitted({ email: 'ada@example.com', plan: 'pro', seats: 2 })
  await track.checkoutViewed({ cartId: 'c_9', total: 99.5, customer: { email: 'ada@example.com', country: 'FR' } })
  let thrown = ''
  try {
    await track.signupFormSubmitted({ email: 'not an email', plan: 'pro', seats: 2 })
  } catch (error) {
    thrown = (error as { code?: string }).code ?? String(error)
  }
  return { stats: track.stats(), thrown, distinctId: posthog.get_distinct_id() }
}
;(window as unknown as { runTracking: typeof runTracking }).runTracking = runTracking
`

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

let project: RuntimeProject
let bundle = ''
let browser: Browser | undefined
let posthogReceiver: HttpReceiver
let pageServer: Server
let collectorServer: Server
let collector: BrowserCollectorHandler
let collected: Awaited<ReturnType<typeof nodeLogger>>
let pageUrl = ''
let collectorUrl = ''

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/services.sh (it installs it) or set CHROMIUM_PATH`)
  project = await createRuntimeProject()
  writeFileSync(join(project.dir, 'page.ts'), PAGE_SOURCE)
  const result = await build({
    entryPoints: [join(project.dir, 'page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    alias: { 'linecast/browser': join(repoRoot, 'emitters/browser/index.ts') },
  })
  bundle = result.outputFiles[0]?.text ?? ''
  posthogReceiver = await startHttpReceiver()
  posthogReceiver.fallback = {
    status: 200,
    headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS' },
    body: { status: 1 },
  }
  pageServer = createServer((req, res) => {
    res.setHeader('content-type', req.url === '/bundle.js' ? 'text/javascript' : 'text/html')
    res.end(req.url === '/bundle.js' ? bundle : '<!doctype html><html><body><script src="/bundle.js"></script></body></html>')
  })
  pageUrl = await listen(pageServer)
  collected = await nodeLogger(project)
  collector = browserCollector(collected.log, { catalog: collected.catalog, cors: { origin: [pageUrl] } })
  collectorServer = createServer(collector)
  collectorUrl = `${await listen(collectorServer)}/linecast/events`
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
})

afterAll(async () => {
  await browser?.close()
  await posthogReceiver?.close()
  await new Promise((resolve) => pageServer?.close(resolve))
  await new Promise((resolve) => collectorServer?.close(resolve))
  project?.remove()
})

describe('events.browser.ts in Chromium', () => {
  it('bundles without pino or Node built-ins', () => {
    expect(bundle.length).toBeGreaterThan(0)
    expect(bundle).not.toMatch(/from\s*"node:|require\("node:|pino/)
  })

  it('sends PostHog events through posthog-js and the others to the collector, hashed like the Node logger', async () => {
    const page = await (browser as Browser).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(pageUrl)
    const outcome = (await page.evaluate(
      (cfg) => (globalThis as unknown as { runTracking: (c: typeof cfg) => Promise<unknown> }).runTracking(cfg),
      { posthogHost: posthogReceiver.url, collectorUrl, piiKey: PII_KEY },
    )) as { stats: { sent: Record<string, number>; dropped: Record<string, number> }; thrown: string; distinctId: string }
    expect(errors).toEqual([])
    expect(outcome.thrown).toBe('LINECAST_TRACK_INVALID')
    expect(outcome.stats).toEqual({ sent: { posthog: 1, collector: 1 }, dropped: { invalid: 0, send_failed: 0, no_destination: 0 } })

    await posthogReceiver.waitFor((requests) => posthogJsEvents(requests).some((e) => e.event === 'signup_form_submitted'))
    const captured = posthogJsEvents(posthogReceiver.requests).filter((e) => e.event === 'signup_form_submitted')
    expect(captured).toHaveLength(1)
    const event = captured[0]
    expect(event?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(event?.properties).toMatchObject({ plan: 'pro', seats: 2, distinct_id: outcome.distinctId, token: 'phc_runtime_test' })

    const { log, out } = await nodeLogger(project)
    log.emit('signup_form_submitted', { email: 'ada@example.com', plan: 'pro', seats: 2 })
    expect(event?.properties.email).toBe(out.line.email)
    expect(event?.properties.email).toMatch(/^[0-9a-f]{64}$/)

    await collector.idle()
    const lines = collected.out.lines.filter((l) => l.event === 'checkout_viewed')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'shop',
      runtime: 'browser',
      kind: 'analytics',
      cartId: 'c_9',
      total: 99.5,
      customer: { email: out.line.email, country: 'FR' },
      msg: 'Checkout c_9 viewed',
    })
    expect(String(lines[0]?.requestId)).not.toBe('')
    expect(createLineChecker(collected.catalog.compiled)(JSON.stringify(lines[0])).kind).toBe('valid')
    await page.close()
  })
})
