/**
 * The generated events.py, run by the machine's python3 (standard library):
 * it validates with the catalog's rules, and writes the Node logger's line
 * for the same event and input, hashes included.
 */
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withContext } from '../../emitters/index.js'
import { createRuntimeProject, nodeLogger, parseLines, PII_KEY, runPython, type RuntimeProject } from './project.js'

const INVOICE = {
  invoiceId: 'inv_1042',
  amount: 129.5,
  customerEmail: 'ada@example.com',
  note: 'paid with token=sk_live_abcdef123456 by card',
  internal_code: 'X-77',
  tags: ['annual', 'eu'],
  address: { city: 'Lyon', street: '1 rue de la Paix' },
}

const hmac = (value: string): string => createHmac('sha256', PII_KEY).update(value).digest('hex')

let project: RuntimeProject
beforeAll(async () => {
  project = await createRuntimeProject()
})
afterAll(() => project?.remove())

describe('generated events.py', () => {
  it('has one keyword-only function per python event, typed, enums as Literal', async () => {
    const result = await runPython(
      project,
      [
        'import events, inspect, typing, json',
        'hints = typing.get_type_hints(events.signup_form_submitted)',
        'sig = inspect.signature(events.invoice_paid)',
        'print(json.dumps({"plan": str(hints["plan"]), "seats": str(hints["seats"]), "coupon": str(hints["coupon"]),',
        '  "kinds": sorted({p.kind.name for p in sig.parameters.values()}), "tags": str(typing.get_type_hints(events.invoice_paid)["tags"]),',
        '  "browserOnly": hasattr(events, "checkout_viewed"), "serverOnly": hasattr(events, "server_task_completed")}))',
      ].join('\n'),
    )
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual({
      plan: "typing.Literal['free', 'pro']",
      seats: "<class 'int'>",
      coupon: 'typing.Optional[str]',
      kinds: ['KEYWORD_ONLY'],
      tags: 'typing.Optional[typing.List[str]]',
      browserOnly: false,
      serverOnly: false,
    })
  })

  it('refuses what the catalog refuses, with the first issue named', async () => {
    const cases = [
      ['events.signup_form_submitted(email="ada@example.com", plan="gold", seats=1)', 'plan', 'invalid_value'],
      ['events.signup_form_submitted(email="not-an-email", plan="pro", seats=1)', 'email', 'invalid_format'],
      ['events.signup_form_submitted(email="ada@example.com", plan="pro", seats=1.5)', 'seats', 'invalid_type'],
      ['events.signup_form_submitted(email="ada@example.com", plan="pro", seats=0)', 'seats', 'too_small'],
      ['events.signup_form_submitted(email="ada@example.com", plan="pro", seats=True)', 'seats', 'invalid_type'],
      ['events.invoice_paid(invoiceId="INV-1", amount=1, customerEmail="a@b.co")', 'invoiceId', 'invalid_format'],
      ['events.invoice_paid(invoiceId="inv_1", amount=1, customerEmail="a@b.co", address={"city": "x", "street": "y", "zip": 1})', 'address.zip', 'unrecognized_keys'],
      ['events.emit("invoice_paid", {"invoiceId": "inv_1", "amount": 1})', 'customerEmail', 'invalid_type'],
    ] as const
    const script = [
      'import events, json',
      'out = []',
      ...cases.flatMap(([call]) => ['try:', `    ${call}`, '    out.append(None)', 'except events.EventValidationError as e:', '    out.append([e.code, e.issues[0]["path"], e.issues[0]["code"]])']),
      'print(json.dumps(out))',
    ].join('\n')
    const result = await runPython(project, script)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual(cases.map(([, path, code]) => ['LINECAST_INVALID_EVENT', path, code]))
  })

  it('writes the line the Node logger writes: the same fields but time, eventId and runtime, hashes equal', async () => {
    const { log, out } = await nodeLogger(project)
    withContext({ requestId: 'req-7', userId: 'u_42' }, () => log.emit('invoice_paid', INVOICE))
    const node = out.line
    const py = await runPython(
      project,
      `import events, json\nwith events.with_context(requestId="req-7", userId="u_42"):\n    events.invoice_paid(**json.loads(${JSON.stringify(JSON.stringify(INVOICE))}))`,
    )
    expect(py.stderr).toBe('')
    const [python] = parseLines(py.stdout)
    expect(python).toBeDefined()
    const { time: pt, eventId: pe, runtime, ...pythonRest } = python as Record<string, unknown>
    const { time: nt, eventId: ne, ...nodeRest } = node
    expect(runtime).toBe('python')
    expect(typeof pt).toBe('string')
    expect(Number.isNaN(Date.parse(String(pt)))).toBe(false)
    expect(String(pe)).toMatch(/^[0-9a-f-]{36}$/)
    expect(pe).not.toBe(ne)
    expect(typeof nt).toBe('string')
    for (const key of new Set([...Object.keys(nodeRest), ...Object.keys(pythonRest)])) {
      expect({ key, value: pythonRest[key] }).toEqual({ key, value: nodeRest[key] })
    }
    expect(pythonRest.customerEmail).toBe(hmac('ada@example.com'))
    expect(pythonRest.note).toBe('paid with token=[REDACTED] by card')
    expect(pythonRest.internal_code).toBe('[REDACTED]')
    expect(pythonRest.address).toEqual({ city: 'Lyon', street: '[REDACTED]' })
    expect(pythonRest.msg).toBe('Invoice inv_1042 paid by u_42')
  })

  it('hashes a pii: hash property to the Node logger\'s value for the same key', async () => {
    const { log, out } = await nodeLogger(project)
    const props = { email: 'Grace@Example.com', plan: 'pro', seats: 3 }
    log.emit('signup_form_submitted', props)
    const py = await runPython(project, `import events\nevents.signup_form_submitted(email="Grace@Example.com", plan="pro", seats=3)`)
    const [python] = parseLines(py.stdout)
    expect(python?.email).toBe(out.line.email)
    expect(python?.email).toBe(hmac('Grace@Example.com'))
  })

  it('writes a linecast.invalid_event line instead of raising in production, PII left out', async () => {
    const py = await runPython(project, `import events\nevents.invoice_paid(invoiceId="bad", amount=-1, customerEmail="ada@example.com")`, { LINECAST_ENV: 'production' })
    expect(py.stderr).toBe('')
    const [line] = parseLines(py.stdout)
    expect(line).toMatchObject({ level: 'error', event: 'linecast.invalid_event', kind: 'error', invalidEvent: 'invoice_paid', env: 'production', runtime: 'python' })
    expect((line?.issues as { path: string }[]).map((i) => i.path)).toEqual(['invoiceId', 'amount'])
    expect(line?.payload).toEqual({ invoiceId: 'bad', amount: -1, customerEmail: '[REDACTED]' })
  })

  it('turns a structlog event dict into the catalog line and passes other events through', async () => {
    const py = await runPython(
      project,
      [
        'import events, json',
        'line = events.structlog_processor(None, "info", {"event": "signup_form_submitted", "email": "ada@example.com", "plan": "free", "seats": 1, "timestamp": "x"})',
        'other = events.structlog_processor(None, "info", {"event": "something else", "a": 1})',
        'print(json.dumps([line, other]))',
      ].join('\n'),
    )
    expect(py.stderr).toBe('')
    const [line, other] = JSON.parse(py.stdout) as Record<string, unknown>[]
    expect(line).toMatchObject({ event: 'signup_form_submitted', kind: 'analytics', plan: 'free', seats: 1, email: hmac('ada@example.com'), msg: 'Signup form submitted for free', runtime: 'python' })
    expect(line).not.toHaveProperty('timestamp')
    expect(other).toEqual({ event: 'something else', a: 1 })
  })

  it('says how to get redis-py when the Redis stream is configured without it', async () => {
    const py = await runPython(
      project,
      [
        'import events',
        'events.configure(redis_url="redis://127.0.0.1:6379/0")',
        'try:',
        '    events.signup_form_submitted(email="ada@example.com", plan="free", seats=1)',
        'except events.LinecastError as e:',
        '    print(e.code, e.message)',
      ].join('\n'),
    )
    const hasRedis = await runPython(project, 'import importlib.util; print(importlib.util.find_spec("redis") is not None)')
    if (hasRedis.stdout.trim() === 'True') expect(py.stdout).toBe('')
    else expect(py.stdout).toMatch(/^LINECAST_PYTHON_REDIS .*pip install redis/)
  })
})
