/**
 * Lines the generated events.py writes, piped into `linecast ship` (the built
 * CLI), reach a local posthog-compatible receiver through the real
 * posthog-node sink: the Python eventId is PostHog's uuid, the hash is not
 * hashed twice, and it equals the Node logger's.
 */
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, binary } from '../cli/run-cli.js'
import { posthogMessages } from '../support/posthog-batch.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { createRuntimeProject, parseLines, PII_KEY, runProcess, runPython, type RuntimeProject } from './project.js'

let project: RuntimeProject
let receiver: HttpReceiver
beforeAll(async () => {
  assertBuilt()
  project = await createRuntimeProject()
  receiver = await startHttpReceiver()
})
afterAll(async () => {
  await receiver?.close()
  project?.remove()
})

describe('events.py through linecast ship', () => {
  it('delivers each line once to PostHog with the Python eventId and the Node hash', async () => {
    const py = await runPython(
      project,
      [
        'import events',
        'for i in range(3):',
        '    with events.with_context(requestId="req-%d" % i, userId="u_%d" % i):',
        '        events.signup_form_submitted(email="user%d@example.com" % i, plan="pro", seats=i + 1)',
      ].join('\n'),
    )
    expect(py.stderr).toBe('')
    const written = parseLines(py.stdout)
    expect(written).toHaveLength(3)
    const shipped = await runProcess(process.execPath, [binary, 'ship', '--catalog', project.catalogFile], {
      cwd: project.dir,
      stdin: py.stdout,
      env: { ...process.env, POSTHOG_HOST: receiver.url, RUNTIME_TEST_PII_KEY: PII_KEY, NODE_ENV: 'test', NO_COLOR: '1' },
    })
    expect(shipped.stderr).toContain('3 lines read, 3 delivered as read, 0 invalid')
    expect(shipped.code).toBe(0)
    await receiver.waitFor((requests) => posthogMessages(requests).length >= 3)
    const messages = posthogMessages(receiver.requests).filter((m) => m.event === 'signup_form_submitted')
    expect(messages.map((m) => m.uuid)).toEqual(written.map((l) => l.eventId))
    messages.forEach((m, i) => {
      expect(m.distinct_id).toBe(`u_${i}`)
      expect(m.properties).toMatchObject({ plan: 'pro', seats: i + 1, email: createHmac('sha256', PII_KEY).update(`user${i}@example.com`).digest('hex') })
    })
  })
})
