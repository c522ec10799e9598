import { spawn } from 'node:child_process'
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
}

function runEmitter(env: Record<string, string>, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EMITTER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      onStdout?.(out, (s) => child.kill(s))
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      const m = /EMITTED (\d+)/.exec(out)
      if (m === null) return reject(new Error(`emitter printed no count (code ${code}): ${out}\n${err}`))
      resolve({ code, signal, emitted: Number(m[1]) })
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
  ])('SIGTERM in the middle of a burst of 10,000 lines to %s: every line delivered or spooled, the process gone', async (_name, reply) => {
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
    const spooled = readNdjson(dirs.spoolDir)
    const dead = readNdjson(dirs.deadLetterDir)
    expect(new Set(accepted).size).toBe(accepted.length)
    expect(dead).toHaveLength(0)
    expect(accepted.length + spooled.length).toBe(run.emitted)
  })
})
