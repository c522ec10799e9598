import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest, type ScriptedReply } from '../support/http-receiver.js'
import { idsOf } from '../support/transport-harness.js'
import { assertBuilt, httpCatalog, readNdjson, tempDirs } from '../support/transport-fixtures.js'

const EMITTER = fileURLToPath(new URL('./fixtures/emitter.mjs', import.meta.url))

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  emitted: number
  stdout: string
  /** ms from the first signal sent to the child's exit */
  signalToExitMs?: number
}

function runEmitter(env: Record<string, string>, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EMITTER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let signalledAt: number | undefined
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      onStdout?.(out, (s) => {
        signalledAt ??= performance.now()
        child.kill(s)
      })
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      const m = /(?:EMITTED|HELD) (\d+)/.exec(out)
      if (m === null) return reject(new Error(`emitter printed no count (code ${code}): ${out}\n${err}`))
      resolve({ code, signal, emitted: Number(m[1]), stdout: out, ...(signalledAt === undefined ? {} : { signalToExitMs: performance.now() - signalledAt }) })
    })
  })
}

let receiver: HttpReceiver
beforeAll(() => assertBuilt())
afterEach(async () => receiver?.close())

function script(decide: (req: ReceivedRequest, n: number) => ScriptedReply): string[] {
  const accepted: string[] = []
  let n = 0
  receiver.fallback = (req) => {
    const reply = decide(req, n++)
    if ((reply.status ?? 200) < 300 && !reply.hang) accepted.push(...idsOf(req))
    return reply
  }
  return accepted
}

describe('process exit', () => {
  it('spools what an exiting process could not deliver; the next process delivers each line exactly once', async () => {
    receiver = await startHttpReceiver()
    const dirs = tempDirs()
    const env = {
      CATALOG_JSON: JSON.stringify(httpCatalog()),
      RECEIVER_URL: receiver.url,
      SPOOL_DIR: dirs.spoolDir,
      DL_DIR: dirs.deadLetterDir,
      BUDGET_MS: '700',
    }
    // the first batch gets through, then the destination fails
    const firstAccepted = script((_req, n) => (n === 0 ? { status: 200 } : { status: 500 }))
    const first = await runEmitter({ ...env, MODE: 'exit', COUNT: '500' })
    expect(first.code).toBe(0)
    expect(first.emitted).toBe(500)
    const spooled = readNdjson(dirs.spoolDir).map((l) => l.eventId as string)
    const dead = readNdjson(dirs.deadLetterDir)
    // accounting after the crash-like exit
    expect(firstAccepted.length).toBeGreaterThan(0)
    expect(firstAccepted.length + spooled.length + dead.length).toBe(500)

    const secondAccepted = script(() => ({ status: 200 }))
    // the budget counts from the call, the worker's start-up included: give the replay room
    const second = await runEmitter({ ...env, MODE: 'replay', BUDGET_MS: '8000' })
    expect(second.code).toBe(0)
    const all = [...firstAccepted, ...secondAccepted]
    expect(new Set(all).size).toBe(500)
    expect(all).toHaveLength(500)
    expect(new Set(secondAccepted)).toEqual(new Set(spooled))
    expect(readNdjson(dirs.spoolDir)).toEqual([])
  })

  it.each([
    ['a healthy destination', (): ScriptedReply => ({ status: 200 })],
    ['a failing destination', (): ScriptedReply => ({ status: 503 })],
    ['a destination that never answers', (): ScriptedReply => ({ hang: true })],
  ])('SIGTERM in the middle of a burst of 10,000 lines to %s: every line delivered or spooled, the process gone within the budget', async (_name, reply) => {
    receiver = await startHttpReceiver()
    const dirs = tempDirs()
    const accepted = script(reply)
    let sent = false
    const run = await runEmitter(
      {
        CATALOG_JSON: JSON.stringify(httpCatalog()),
        RECEIVER_URL: receiver.url,
        SPOOL_DIR: dirs.spoolDir,
        DL_DIR: dirs.deadLetterDir,
        MODE: 'burst',
        COUNT: '10000',
        STARTED_AT: '2000',
        BUDGET_MS: '1000',
      },
      (out, kill) => {
        if (!sent && out.includes('STARTED')) {
          sent = true
          kill('SIGTERM')
        }
      },
    )
    expect(run.code).toBe(143)
    expect(run.emitted).toBeGreaterThanOrEqual(2000)
    // one budget from the signal to exit (1000 ms), with room for a loaded machine's scheduling
    expect(run.signalToExitMs).toBeLessThan(1500)
    const spooled = readNdjson(dirs.spoolDir)
    const dead = readNdjson(dirs.deadLetterDir)
    expect(new Set(accepted).size).toBe(accepted.length)
    expect(dead).toHaveLength(0)
    // at least once: a batch whose answer the deadline cut short is spooled too (and sent again on the next start)
    const spooledIds = new Set(spooled.map((l) => l.eventId as string))
    const both = accepted.filter((id) => spooledIds.has(id)).length
    expect(accepted.length + spooled.length - both).toBe(run.emitted)
  })
})

describe('process exit within the window and the budget', () => {
  it('SIGKILL with the receiver down: the lines reach the spool within the window without a flush, and the next start delivers each once', async () => {
    receiver = await startHttpReceiver()
    const dirs = tempDirs()
    const env = { CATALOG_JSON: JSON.stringify(httpCatalog()), RECEIVER_URL: receiver.url, SPOOL_DIR: dirs.spoolDir, DL_DIR: dirs.deadLetterDir }
    script(() => ({ status: 503 }))
    const count = 3000
    let killed = false
    const first = await runEmitter({ ...env, MODE: 'hold', COUNT: String(count) }, (out, kill) => {
      if (killed || !out.includes(`HELD ${count}`)) return
      killed = true
      // no flush: the lines are on disk once the window (1 s by default) has passed; then the process is killed
      void waitUntilSpooled(dirs.spoolDir, count).then(() => kill('SIGKILL'))
    })
    expect(first.signal).toBe('SIGKILL')
    const spooled = readNdjson(dirs.spoolDir).filter((l) => l.msg === 'held line')
    expect(spooled).toHaveLength(count)

    const accepted = script(() => ({ status: 200 }))
    const second = await runEmitter({ ...env, MODE: 'replay', BUDGET_MS: '8000' })
    expect(second.code).toBe(0)
    const ids = new Set(spooled.map((l) => l.eventId as string))
    expect(accepted.filter((id) => ids.has(id))).toHaveLength(count)
    expect(new Set(accepted).size).toBe(accepted.length)
    expect(readNdjson(dirs.spoolDir)).toEqual([])
  })

  it('one destination down and another healthy: flush, close and exit within one budget, the healthy one has every line', async () => {
    receiver = await startHttpReceiver()
    const down = await startHttpReceiver()
    down.fallback = { status: 503 }
    const dirs = tempDirs()
    const catalog = httpCatalog()
    catalog.destinations.down = { kind: 'module', settings: { module: catalog.destinations.http!.settings.module, url: '${SLOW_URL}' } }
    catalog.routes = { info: ['down', 'http'] }
    const accepted = script(() => ({ status: 200 }))
    const budget = 1500
    const run = await runEmitter({
      CATALOG_JSON: JSON.stringify(catalog),
      RECEIVER_URL: receiver.url,
      SLOW_URL: down.url,
      SPOOL_DIR: dirs.spoolDir,
      DL_DIR: dirs.deadLetterDir,
      MODE: 'flush-close',
      COUNT: '200',
      BUDGET_MS: String(budget),
    })
    await down.close()
    expect(run.code).toBe(0)
    const shutdownMs = Number(/SHUTDOWN_MS (\d+)/.exec(run.stdout)?.[1])
    // flush spends the budget on the failing destination; close does not wait for it again
    expect(shutdownMs).toBeLessThan(budget * 1.5)
    expect(new Set(accepted).size).toBe(200)
    expect(readNdjson(join(dirs.spoolDir, 'down')).filter((l) => l.msg === 'line')).toHaveLength(200)
  })
})

async function waitUntilSpooled(dir: string, count: number): Promise<void> {
  const deadline = Date.now() + 20_000
  while (readNdjson(dir).filter((l) => l.msg === 'held line').length < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} lines reached the spool`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
