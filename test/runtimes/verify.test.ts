/**
 * `linecast verify` (the built CLI) on a stream mixing lines from the Node
 * logger and the generated Python module: valid, invalid, unknown, raw PII,
 * plain and non-JSON lines, counted exactly; from a file, stdin and a Redis
 * stream.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withContext } from '../../emitters/index.js'
import { assertBuilt, binary } from '../cli/run-cli.js'
import { REDIS_URL, requireService } from '../support/services.js'
import { createRuntimeProject, nodeLogger, runProcess, runPython, type RuntimeProject } from './project.js'

const SIGNUP = { email: 'ada@example.com', plan: 'pro', seats: 2 }
const INVOICE = { invoiceId: 'inv_7', amount: 40, customerEmail: 'ada@example.com' }

let project: RuntimeProject
let stream: string[] = []
let pythonValid = ''

async function pythonLines(script: string, env: Record<string, string> = {}): Promise<string[]> {
  const result = await runPython(project, `import events, json\n${script}`, env)
  if (result.stderr !== '') throw new Error(result.stderr)
  return result.stdout.split('\n').filter((l) => l !== '')
}

async function nodeLines(): Promise<string[]> {
  const { log, out } = await nodeLogger(project)
  withContext({ requestId: 'req-1', userId: 'u_1' }, () => {
    log.emit('signup_form_submitted', SIGNUP)
    log.emit('signup_form_submitted', { ...SIGNUP, coupon: 'SPRING' })
    log.emit('invoice_paid', INVOICE)
    log.emit('invoice_paid', INVOICE)
    log.emit('checkout_viewed', { cartId: 'c_1', total: 10, customer: { email: 'ada@example.com', country: 'FR' } })
    log.emit('signup_form_submitted', SIGNUP)
    log.info('a plain line')
  })
  const lines = out.text.split('\n').filter((l) => l !== '')
  // line 4: amount below the catalog's minimum; line 6: the email written raw
  lines[3] = JSON.stringify({ ...(JSON.parse(lines[3] ?? '{}') as object), amount: -5 })
  lines[5] = JSON.stringify({ ...(JSON.parse(lines[5] ?? '{}') as object), email: 'ada@example.com' })
  return lines
}

function verify(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const argv = [binary, 'verify', '--catalog', project.catalogFile, ...args]
  return runProcess(process.execPath, argv, { cwd: project.dir, ...(stdin === undefined ? {} : { stdin }) })
}

const EXPECTED = {
  lines: 14,
  valid: 6,
  invalid: 3,
  unknown: 1,
  rawPii: 2,
  plain: 1,
  notJson: 1,
  sources: [
    { service: 'shop', runtime: 'python', lines: 6, events: 6 },
    { service: 'shop', runtime: 'server', lines: 7, events: 6 },
  ],
  unknownEvents: [{ event: 'refund_issued', count: 1 }],
  rawPiiFields: [
    { event: 'invoice_paid', path: 'customerEmail', count: 1 },
    { event: 'signup_form_submitted', path: 'email', count: 1 },
  ],
  neverSeen: ['server_task_completed'],
  alwaysEmpty: [{ event: 'invoice_paid', properties: ['note', 'internal_code', 'tags', 'address'] }],
}

beforeAll(async () => {
  assertBuilt()
  project = await createRuntimeProject()
  const node = await nodeLines()
  const valid = await pythonLines(
    'events.invoice_paid(invoiceId="inv_8", amount=12.5, customerEmail="bo@example.com")\n' +
      'events.invoice_paid(invoiceId="inv_9", amount=3, customerEmail="cy@example.com")\n' +
      'events.signup_form_submitted(email="bo@example.com", plan="free", seats=1)',
  )
  pythonValid = `${valid.join('\n')}\n`
  const [invalid] = await pythonLines('events.invoice_paid(invoiceId="x", amount=1, customerEmail="bo@example.com")', { LINECAST_ENV: 'production' })
  const raw = JSON.stringify({ ...(JSON.parse(valid[0] ?? '{}') as object), customerEmail: 'bo@example.com' })
  const unknown = JSON.stringify({ ...(JSON.parse(valid[0] ?? '{}') as object), event: 'refund_issued' })
  stream = [node[0], valid[0], node[1], node[2], valid[1], node[3], invalid, node[4], raw, 'Traceback (most recent call last):', node[5], unknown, valid[2], node[6]].map(
    (l) => l ?? '',
  )
  writeFileSync(join(project.dir, 'mixed.ndjson'), `${stream.join('\n')}\n`)
})
afterAll(() => project?.remove())

describe('linecast verify', () => {
  it('accepts what the generated Python module writes', async () => {
    const result = await verify(['--json'], pythonValid)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ lines: 3, valid: 3, invalid: 0, unknown: 0, rawPii: 0 })
  })

  it('counts a mixed stream from both runtimes exactly and exits 1', async () => {
    const result = await verify(['mixed.ndjson', '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Record<string, unknown> & { invalidLines: { place: unknown; event: string; runtime: string; issues: { path: string; code: string }[] }[] }
    expect(report).toMatchObject(EXPECTED)
    expect(report.invalidLines.map((f) => [f.place, f.event, f.runtime, f.issues[0]?.path, f.issues[0]?.code])).toEqual([
      [{ source: 'mixed.ndjson', line: 6 }, 'invoice_paid', 'server', 'amount', 'too_small'],
      [{ source: 'mixed.ndjson', line: 7 }, 'invoice_paid', 'python', 'invoiceId', 'invalid_format'],
      [{ source: 'mixed.ndjson', line: 8 }, 'checkout_viewed', 'server', 'runtime', 'runtime_not_declared'],
    ])
  })

  it('prints a table, and GitHub annotations on the lines at fault', async () => {
    const table = await verify(['mixed.ndjson'])
    expect(table.stdout.split('\n')[0]).toBe('linecast verify: 14 lines: 6 valid, 3 invalid, 1 unknown, 2 with raw PII (1 plain, 1 not JSON)')
    expect(table.stdout).toContain('  invoice_paid.customerEmail: 1 line')
    expect(table.stdout).toContain('catalog events never seen: server_task_completed')
    const github = await verify(['mixed.ndjson', '--format', 'github'])
    expect(github.code).toBe(1)
    const errors = github.stdout.split('\n').filter((l) => l.startsWith('::error '))
    expect(errors.map((l) => /line=(\d+)/.exec(l)?.[1])).toEqual(['6', '7', '8', '9', '11', '12'])
    expect(errors[5]).toContain('file=mixed.ndjson')
    expect(errors[5]).toContain('refund_issued')
  })

  it('reads the same stream from Redis', async () => {
    await requireService('redis')
    const key = `linecast:verify-test:${process.pid}:${Date.now()}`
    const redis = new Redis(REDIS_URL)
    try {
      for (const line of stream) await redis.xadd(key, '*', 'l', line)
      const result = await verify(['--from', REDIS_URL, '--stream', key, '--until-end', '--json'])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(1)
      expect(JSON.parse(result.stdout)).toMatchObject(EXPECTED)
      const window = await verify(['--from', REDIS_URL, '--stream', key, '--for', '1500ms', '--json'])
      expect(JSON.parse(window.stdout)).toMatchObject({ lines: 14, valid: 6 })
    } finally {
      await redis.del(key)
      redis.disconnect()
    }
  })
})
