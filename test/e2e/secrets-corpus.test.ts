/**
 * Every secret shape of the corpus (test/support/secret-corpus.ts), placed in
 * properties, nested objects, err messages and causes, HTTP request and
 * response headers, query strings, URLs and JSON held in strings, goes through
 * every destination to local receivers (the real Sentry SDK and posthog-node,
 * Betterstack, Mixpanel, Slack over HTTP, audit_log in Postgres): none of it
 * may be found in stdout, in any receiver's decoded payload or in the
 * audit_log rows. The second part writes raw lines (not from the emitter)
 * straight into the transport worker, which masks them before any sink.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, withContext } from '../../emitters/index.js'
import { openTransport } from '../../transports/main/open-transport.js'
import { CaptureStream } from '../emitters/capture.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { posthogMessages } from '../support/posthog-batch.js'
import { leakedSecrets, SECRET_CORPUS } from '../support/secret-corpus.js'
import { sentryEvents } from '../support/sentry-envelope.js'
import { requireService } from '../support/services.js'
import { assertBuilt } from '../support/transport-fixtures.js'
import { createAuditSchema, type AuditSchema } from './audit-schema.js'
import { probeCatalog, probeCompiled, probeVars, type ProbeReceivers } from './secret-corpus-catalog.js'

let receivers: ProbeReceivers
let audit: AuditSchema
let dir: string

beforeAll(async () => {
  assertBuilt()
  await requireService('postgres')
  const [sentry, posthog, betterstack, mixpanel, slack] = await Promise.all([
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
  ])
  receivers = { sentry, posthog, betterstack, mixpanel, slack } as ProbeReceivers
  mixpanel.fallback = { status: 200, body: { code: 200, num_records_imported: 1, status: 'OK' } }
  audit = await createAuditSchema('e2e_secrets')
  dir = mkdtempSync(join(tmpdir(), 'linecast-secrets-'))
})
afterAll(async () => {
  await Promise.all([...Object.values(receivers ?? {}).map((r: HttpReceiver) => r.close()), audit?.drop()])
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

function clearReceivers(): void {
  for (const r of Object.values(receivers)) r.requests.length = 0
}

/** What every destination received, decoded (gunzipped, as text), by destination. */
async function everythingReceived(): Promise<Record<string, string>> {
  const text = (r: HttpReceiver): string => r.requests.map((q) => q.text).join('\n')
  return {
    sentry: text(receivers.sentry),
    posthog: text(receivers.posthog),
    betterstack: text(receivers.betterstack),
    mixpanel: text(receivers.mixpanel),
    slack: text(receivers.slack),
    audit_log: JSON.stringify(await audit.rows()),
  }
}

function expectNoLeaks(where: Record<string, string>): void {
  const leaks = Object.entries(where).flatMap(([name, text]) => leakedSecrets(text).map((l) => `${name}: ${l}`))
  expect(leaks).toEqual([])
}

describe('the secret corpus through every destination', () => {
  it('never reaches stdout, any receiver or the audit_log row, whatever field carries it', async () => {
    clearReceivers()
    const stdout = new CaptureStream()
    const log = createLogger({
      catalog: probeCatalog,
      destination: stdout,
      env: 'production',
      vars: probeVars(receivers, audit.url),
      delivery: { spoolDir: join(dir, 'spool-1'), deadLetterDir: join(dir, 'dead-1'), handleSignals: false },
    })
    try {
      SECRET_CORPUS.forEach((shape, i) => {
        withContext({ requestId: `req-${i}`, userId: `user-${i}` }, () => {
          const s = shape.text
          log.emit.secretProbe({
            text: `probe ${s}`,
            url: `https://api.example.com/callback?next=${s}`,
            query: `ref=${s}&page=2`,
            json: JSON.stringify({ data: s, detail: { message: `seen ${s}` } }),
            nested: { deeper: { value: s } },
            headers: { authorization: s, cookie: s, xTrace: s },
          })
          log.emit.probeFailed({ reason: `failed ${s}` }, { err: new Error(`outer ${s}`, { cause: new Error(`inner ${s}`) }) })
          const err = Object.assign(new Error(`request failed ${s}`, { cause: new Error(`socket said ${s}`) }), {
            response: { status: 502, data: JSON.stringify({ error: s, password: 'pw-in-json' }) },
          })
          log.error(
            {
              err,
              req: { method: 'POST', url: `/api/upload?q=${s}`, headers: { authorization: s, cookie: s, 'x-forwarded-for': s } },
              res: { statusCode: 502, headers: { 'set-cookie': s, 'x-debug': s } },
            },
            `upstream said ${s}`,
          )
          log.info('retrying with %s', s)
        })
      })
      await log.flush()
      const n = SECRET_CORPUS.length

      // everything arrived where the catalog routes it, so the absence of secrets means something
      expect(stdout.lines).toHaveLength(4 * n)
      expect(posthogMessages(receivers.posthog.requests).filter((m) => m.event === 'secret_probe')).toHaveLength(n)
      expect(sentryEvents(receivers.sentry.requests)).toHaveLength(2 * n)
      expect((await audit.rows()).filter((r) => r.action === 'probe.seen')).toHaveLength(n)
      const stats = await log.deliveryStats()
      expect(stats?.off).toEqual({})
      for (const name of ['sentry', 'posthog', 'audit', 'betterstack', 'mixpanel', 'slack']) {
        expect({ name, ...stats?.destinations[name] }).toMatchObject({ name, spooled: 0, deadLettered: 0, dropped: 0 })
      }
      expect(stats?.destinations.betterstack?.delivered).toBeGreaterThanOrEqual(4 * n)
      expect(stats?.destinations.mixpanel?.delivered).toBe(n)
      expect(stats?.destinations.slack?.delivered).toBe(2 * n)

      expectNoLeaks({ stdout: stdout.text, ...(await everythingReceived()) })
    } finally {
      await log.close()
    }
  })

  it('masks raw lines written into the transport worker by another path before any sink sees them', async () => {
    clearReceivers()
    const transport = openTransport({
      catalog: probeCompiled,
      env: probeVars(receivers, audit.url),
      spoolDir: join(dir, 'spool-2'),
      deadLetterDir: join(dir, 'dead-2'),
      flushIntervalMs: 50,
      handleSignals: false,
      diagnostics: 'none',
    })
    try {
      SECRET_CORPUS.forEach((shape, i) => {
        const s = shape.text
        const base = { time: new Date().toISOString(), service: 'other-runtime', requestId: `raw-${i}`, userId: `raw-user-${i}` }
        transport.stream.write(
          JSON.stringify({
            level: 50,
            ...base,
            eventId: randomUUID(),
            msg: `raw failure ${s}`,
            password: s,
            token: 123456,
            headers: { authorization: s, 'x-trace': s },
            cookie: [s],
            data: JSON.stringify({ password: s, nested: { note: s } }),
            err: { type: 'Error', message: s, stack: `Error: ${s}\n    at handler (app.js:1:1)` },
          }) + '\n',
        )
        transport.stream.write(
          JSON.stringify({
            level: 'info',
            ...base,
            eventId: randomUUID(),
            event: 'secret_probe',
            kind: 'analytics',
            msg: `Probe ${s}`,
            text: s,
            url: `https://api.example.com/callback?next=${s}`,
            query: `ref=${s}`,
            json: JSON.stringify({ data: s }),
            nested: { deeper: { value: s } },
            headers: { authorization: s, cookie: s, xTrace: s },
          }) + '\n',
        )
      })
      await transport.flush()
      const n = SECRET_CORPUS.length
      expect(posthogMessages(receivers.posthog.requests)).toHaveLength(n)
      expect(sentryEvents(receivers.sentry.requests)).toHaveLength(n)
      expect(receivers.mixpanel.requests.length).toBeGreaterThan(0)
      expect(receivers.slack.requests).toHaveLength(n)
      expect((await audit.rows()).filter((r) => r.user_id?.startsWith('raw-user-'))).toHaveLength(n)
      expectNoLeaks(await everythingReceived())
    } finally {
      await transport.close()
    }
  })
})
