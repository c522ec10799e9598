import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, binary } from '../cli/run-cli.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { decodedRecords } from '../support/otlp-decode.js'

const CATALOG = `catalog: 1
service: py-worker
piiKey: \${PII_KEY}
context: [requestId]
destinations:
  otel: { kind: otlp, endpoint: "\${OTLP_URL}" }
routes:
  info: [otel]
events:
  job_finished:
    description: A background job finished.
    message: "Job {jobId} finished in {durationMs} ms"
    properties:
      jobId: string
      durationMs: { type: integer, min: 0 }
      status: { type: enum, values: [ok, failed] }
      email: { type: string, pii: hash }
`

/** What a Python worker writes on stdout: valid lines, then each kind of invalid one, then a plain log line. */
const PRODUCER = `import json, sys
for i in range(200):
    print(json.dumps({"level": "INFO", "time": "2026-01-02T03:04:05.000Z", "event": "job_finished", "eventId": "00000000-0000-4000-8000-%012d" % i,
                      "requestId": "req-%d" % i, "jobId": "job-%d" % i, "durationMs": i, "status": "ok", "email": "user%d@example.com" % i}))
print(json.dumps({"event": "job_finished", "jobId": "bad-type", "durationMs": "slow", "status": "ok", "email": "x@example.com"}))
print(json.dumps({"event": "job_finished", "jobId": "extra", "durationMs": 1, "status": "ok", "email": "y@example.com", "secretSauce": 1}))
print(json.dumps({"event": "job_exploded", "jobId": "unknown"}))
print("Traceback (most recent call last): not json")
print(json.dumps({"level": "WARNING", "msg": "disk almost full", "eventId": "00000000-0000-4000-8000-999999999999", "password": "hunter2"}))
sys.stdout.flush()
`

function run(command: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env: { ...process.env, ...env, NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stderr }))
  })
}

describe('linecast ship: NDJSON from another runtime piped in', () => {
  let receiver: HttpReceiver
  beforeAll(async () => {
    assertBuilt()
    receiver = await startHttpReceiver()
  })
  afterAll(async () => receiver.close())

  it('delivers each valid line once, PII hashed, and reports every invalid line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linecast-ship-'))
    writeFileSync(join(dir, 'events.catalog.yaml'), CATALOG)
    writeFileSync(join(dir, 'producer.py'), PRODUCER)
    const result = await run(`python3 producer.py | "${process.execPath}" "${binary}" ship`, dir, { OTLP_URL: receiver.url, PII_KEY: 'k', NODE_ENV: 'production' })
    expect(result.stderr).toContain('205 lines read, 201 delivered as read, 4 invalid')
    expect(result.code).toBe(0)

    const records = decodedRecords(receiver.requests)
    const jobs = records.filter((r) => r.eventName === 'job_finished')
    const ids = jobs.map((r) => r.attributes.eventId)
    expect(ids).toHaveLength(200)
    expect(new Set(ids).size).toBe(200)
    expect(ids[7]).toBe('00000000-0000-4000-8000-000000000007')
    expect(jobs[7]).toMatchObject({ severityText: 'info', body: 'Job job-7 finished in 7 ms', resource: { 'service.name': 'py-worker', 'deployment.environment': 'production' } })
    expect(jobs[7]!.attributes).toMatchObject({ kind: 'analytics', requestId: 'req-7', jobId: 'job-7', durationMs: 7 })
    expect(jobs[7]!.attributes.email).toMatch(/^[0-9a-f]{64}$/)

    const invalid = records.filter((r) => r.eventName === 'linecast.invalid_event')
    expect(invalid.map((r) => r.attributes.invalidEvent).sort()).toEqual(['(not JSON)', 'job_exploded', 'job_finished', 'job_finished'])
    expect(invalid.every((r) => r.severityText === 'error')).toBe(true)
    expect(JSON.stringify(invalid.map((r) => r.attributes))).not.toContain('x@example.com')

    const plain = records.find((r) => r.attributes.eventId === '00000000-0000-4000-8000-999999999999')
    expect(plain).toMatchObject({ severityText: 'warn', body: 'disk almost full', attributes: { password: '[REDACTED]' } })
    // besides the worker's own linecast.* diagnostics, nothing else arrived
    const shipped = records.filter((r) => r.eventName === undefined || !r.eventName.startsWith('linecast.') || r.eventName === 'linecast.invalid_event')
    expect(shipped).toHaveLength(205)
  })

  it('--follow delivers what is appended after it started, reports invalid lines, and stops cleanly on SIGTERM', async () => {
    receiver.requests.length = 0
    const dir = mkdtempSync(join(tmpdir(), 'linecast-ship-follow-'))
    writeFileSync(join(dir, 'events.catalog.yaml'), CATALOG)
    const file = join(dir, 'worker.ndjson')
    const job = (i: number): string =>
      `${JSON.stringify({ event: 'job_finished', eventId: `00000000-0000-4000-8a00-${String(i).padStart(12, '0')}`, jobId: `job-${i}`, durationMs: i, status: 'ok', email: `u${i}@example.com` })}\n`
    writeFileSync(file, job(0))
    const child = spawn(process.execPath, [binary, 'ship', '--from', file, '--follow'], { cwd: dir, env: { ...process.env, OTLP_URL: receiver.url, PII_KEY: 'k', NODE_ENV: 'production', NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const jobs = (): string[] => decodedRecords(receiver.requests).filter((r) => r.eventName === 'job_finished').map((r) => String(r.attributes.eventId))
    const invalid = (): string[] => decodedRecords(receiver.requests).filter((r) => r.eventName === 'linecast.invalid_event').map((r) => String(r.attributes.invalidEvent))
    try {
      await receiver.waitFor(() => jobs().length === 1, 15_000)
      // appended after the start: valid lines, a line written in two pieces, and invalid ones
      for (let i = 1; i <= 20; i++) appendFileSync(file, job(i))
      const split = job(21)
      appendFileSync(file, split.slice(0, 30))
      await new Promise((resolve) => setTimeout(resolve, 300))
      appendFileSync(file, split.slice(30))
      appendFileSync(file, `${JSON.stringify({ event: 'job_finished', jobId: 'bad', durationMs: -1, status: 'ok', email: 'bad@example.com' })}\n`)
      appendFileSync(file, 'plain text, not JSON\n')
      appendFileSync(file, `${JSON.stringify({ event: 'job_vanished', jobId: 'x' })}\n`)
      await receiver.waitFor(() => jobs().length === 22 && invalid().length === 3, 15_000)
      child.kill('SIGTERM')
      expect(await exited, stderr).toBe(0)
    } finally {
      child.kill('SIGKILL')
    }
    expect(new Set(jobs()).size).toBe(22)
    expect(jobs()).toHaveLength(22)
    expect(invalid().sort()).toEqual(['(not JSON)', 'job_finished', 'job_vanished'])
    expect(JSON.stringify(decodedRecords(receiver.requests).map((r) => r.attributes))).not.toContain('bad@example.com')
    expect(stderr).toContain('25 lines read, 22 delivered as read, 3 invalid')
  })
})
