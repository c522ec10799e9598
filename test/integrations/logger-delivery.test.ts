/**
 * createLogger wired to the transports: a typed emit reaches a real
 * destination (the Betterstack sink against a local receiver) through the
 * worker thread, flush() means delivered, and the counters say so.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from 'linecast'
import { catalog } from '../../generated/events.js'
import { wantsDelivery } from '../../emitters/logger-delivery.js'
import { CaptureStream } from '../emitters/capture.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'

let receiver: HttpReceiver
let dir: string

beforeAll(async () => {
  receiver = await startHttpReceiver()
  dir = mkdtempSync(join(tmpdir(), 'linecast-logger-delivery-'))
})
afterAll(async () => {
  await receiver.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('createLogger with delivery', () => {
  it('delivers typed events to the destination before flush() resolves, and writes them locally too', async () => {
    const local = new CaptureStream()
    const log = createLogger({
      catalog,
      destination: local,
      env: 'production',
      vars: { BETTERSTACK_SOURCE_TOKEN: 'source-token', BETTERSTACK_URL: `${receiver.url}/ingest`, PII_HASH_KEY: 'k' },
      delivery: { destinations: ['betterstack'], spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), handleSignals: false },
    })
    try {
      for (let i = 0; i < 25; i++) {
        log.emit.logoGenerated({ brandId: `b_${i}`, jobId: `j_${i}`, model: 'flux-2-pro', duration_ms: 800 + i, cost: 0.06 })
      }
      log.info({ apiKey: 'sk-live-should-not-leave' }, 'plain line')
      await log.flush()

      const sent = receiver.requests.flatMap((r) => r.json as Record<string, unknown>[])
      expect(receiver.requests.every((r) => r.headers.authorization === 'Bearer source-token')).toBe(true)
      // the worker's own linecast.* lines (destinations off, …) are routed too
      const ours = sent.filter((l) => !String(l.event ?? '').startsWith('linecast.'))
      // the worker names the logger's environment on its own lines, whatever NODE_ENV says
      const workerLines = sent.filter((l) => String(l.event ?? '').startsWith('linecast.'))
      expect(workerLines.length).toBeGreaterThan(0)
      expect(workerLines.map((l) => l.env)).toEqual(workerLines.map(() => 'production'))
      expect(ours).toHaveLength(26)
      const localIds = local.lines.map((l) => l.eventId).sort()
      expect(ours.map((l) => l.eventId).sort()).toEqual(localIds)
      expect(sent.filter((l) => l.event === 'logo_generated')).toHaveLength(25)
      expect(JSON.stringify(sent)).not.toContain('sk-live-should-not-leave')

      const stats = await log.deliveryStats()
      expect(stats?.destinations.betterstack?.delivered).toBe(sent.length)
      expect(stats?.destinations.betterstack?.deadLettered).toBe(0)
    } finally {
      await log.close()
    }
  })
})

describe('wantsDelivery', () => {
  const compiled = catalog.compiled
  it('is on by default only when some destination has every setting and the caller gave no stream', () => {
    expect(wantsDelivery(undefined, compiled, false, { SENTRY_DSN: 'http://k@127.0.0.1:1/1' })).toEqual({})
    expect(wantsDelivery(undefined, compiled, true, { SENTRY_DSN: 'http://k@127.0.0.1:1/1' })).toBeUndefined()
    expect(wantsDelivery(false, compiled, false, { SENTRY_DSN: 'http://k@127.0.0.1:1/1' })).toBeUndefined()
    expect(wantsDelivery(true, compiled, true, {})).toEqual({})
  })
  it('counts a destination whose only variables have defaults as set (audit_log on PGlite)', () => {
    expect(wantsDelivery(undefined, compiled, false, {})).toEqual({})
    const noDefaults = {
      ...compiled,
      destinations: { sentry: { kind: 'sentry' as const, settings: { dsn: '${SENTRY_DSN}' } } },
    }
    expect(wantsDelivery(undefined, noDefaults, false, {})).toBeUndefined()
  })
})
