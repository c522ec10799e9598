import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { createSink } from '../../transports/sinks/email/index.js'
import { compiledCatalog } from '../support/compiled-catalog.js'
import { sinkContext } from '../support/sink-test.js'

const catalog = compiledCatalog({ context: ['requestId', 'userId'] })

interface Received {
  from: string
  to: string[]
  user?: string
  raw: string
}

/** A local SMTP server (no TLS) that records messages and answers as scripted. */
async function startSmtp() {
  const received: Received[] = []
  const state: { dataError?: Error } = {}
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'right') callback(null, { user: auth.username })
      else callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const error = state.dataError
        state.dataError = undefined
        if (error) return callback(error)
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    failNextData: (error: Error) => void (state.dataError = error),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Just enough MIME: unfolded headers, and the decoded text/plain and text/html parts. */
function parseMessage(raw: string) {
  const split = (block: string) => {
    const at = block.indexOf('\r\n\r\n')
    const head = block.slice(0, at).replace(/\r\n[ \t]+/g, ' ')
    const headers = new Map<string, string>()
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':')
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
    }
    return { headers, body: block.slice(at + 4) }
  }
  const decode = (part: { headers: Map<string, string>; body: string }) => {
    const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase()
    if (encoding === 'base64') return Buffer.from(part.body, 'base64').toString('utf8')
    if (encoding === 'quoted-printable') {
      const bytes = part.body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      return Buffer.from(bytes, 'latin1').toString('utf8')
    }
    return part.body
  }
  const message = split(raw)
  const boundary = /boundary="?([^";]+)"?/.exec(message.headers.get('content-type') ?? '')?.[1]
  const parts = boundary ? message.body.split(`--${boundary}`).slice(1, -1).map((p) => split(p.replace(/^\r\n/, ''))) : [message]
  const body = (type: string) => {
    const part = parts.find((p) => p.headers.get('content-type')?.startsWith(type))
    return part ? decode(part) : ''
  }
  return { headers: message.headers, text: body('text/plain'), html: body('text/html') }
}

const report: LogLine = {
  level: 'info',
  time: '2025-04-01T06:00:00.000Z',
  eventId: '5f0c1d52-0d8e-4d6b-9c1e-0a7e2b1f3c44',
  service: 'api',
  env: 'production',
  event: 'cost_report_generated',
  kind: 'cost',
  msg: 'AI cost report for March',
  from: '2025-03-01T00:00:00.000Z',
  to: '2025-04-01T00:00:00.000Z',
  totals: { total: 1234.5, calls: 15230, failedCalls: 12 },
  byModel: { 'gpt-4o': 1000, 'flux-pro': 234.5 },
}

describe('email sink against a local SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  const signal = new AbortController().signal
  const context = (settings: Record<string, unknown> = {}) => sinkContext(catalog, { host: '127.0.0.1', port: smtp.port, from: 'linecast@example.com', to: ['ops@example.com', 'cto@example.com'], subjectPrefix: '[bmn]', ...settings })

  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await smtp.close()
  })
  beforeEach(() => {
    smtp.received.length = 0
  })

  it('mails a cost report with the period and total in the subject and the figures as tables', async () => {
    const sink = createSink('reports', context())
    try {
      expect(await sink.send([sink.encode(report)], signal)).toEqual({ type: 'ok' })
    } finally {
      await sink.close?.()
    }
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.from).toBe('linecast@example.com')
    expect(mail.to).toEqual(['ops@example.com', 'cto@example.com'])
    const { headers, text, html } = parseMessage(mail.raw)
    expect(headers.get('subject')).toBe('[bmn] Cost report 2025-03-01 to 2025-04-01: $1,234.50')
    expect(headers.get('to')).toBe('ops@example.com, cto@example.com')
    expect(headers.get('message-id')).toBe('<5f0c1d52-0d8e-4d6b-9c1e-0a7e2b1f3c44@linecast>')
    expect(headers.get('x-linecast-event-id')).toBe(report.eventId)
    expect(text).toContain('AI cost report for March')
    expect(text).toMatch(/totals\.total\s+\$1,234\.50/)
    expect(text).toMatch(/totals\.calls\s+15,230/)
    expect(text).toMatch(/gpt-4o\s+\$1,000\.00/)
    expect(text).toMatch(/flux-pro\s+\$234\.50/)
    expect(text).toContain('eventId: 5f0c1d52-0d8e-4d6b-9c1e-0a7e2b1f3c44')
    expect(html).toMatch(/<td [^>]*>totals\.total<\/td><td [^>]*>\$1,234\.50<\/td>/)
    expect(html).toMatch(/<h3>byModel<\/h3>/)
  })

  it('mails an alert with its rule and message in the subject', async () => {
    const sink = createSink('reports', context({ subjectPrefix: '' }))
    const alert: LogLine = { level: 'error', time: '2025-04-01T06:00:00.000Z', eventId: 'a-1', event: 'alert_triggered', severity: 'p0', rule: 'error_rate', msg: '73 errors in 5m', value: 73, above: 50, requestId: 'req-9' }
    expect(await sink.send([sink.encode(alert)], signal)).toEqual({ type: 'ok' })
    const { headers, text } = parseMessage(smtp.received[0]!.raw)
    expect(headers.get('subject')).toBe('P0 Alert: error_rate: 73 errors in 5m')
    expect(text).toMatch(/value\s+73/)
    expect(text).toContain('requestId: req-9')
    await sink.close?.()
  })

  it('authenticates with user and pass, and rejects a wrong password loudly (535)', async () => {
    const good = createSink('reports', context({ user: 'mailer', pass: 'right' }))
    expect(await good.send([good.encode(report)], signal)).toEqual({ type: 'ok' })
    expect(smtp.received[0]!.user).toBe('mailer')
    const bad = createSink('reports', context({ user: 'mailer', pass: 'wrong' }))
    const outcome = await bad.send([bad.encode(report)], signal)
    expect(outcome).toMatchObject({ type: 'reject', loud: true })
    expect(outcome.type === 'reject' && outcome.reason).toMatch(/^SMTP 535: /)
    expect(smtp.received).toHaveLength(1)
  })

  it('retries a 4xx answer and rejects a 5xx one', async () => {
    const sink = createSink('reports', context())
    smtp.failNextData(Object.assign(new Error('Try again later'), { responseCode: 451 }))
    expect(await sink.send([sink.encode(report)], signal)).toEqual({ type: 'retry', reason: 'SMTP 451: 451 Try again later' })
    smtp.failNextData(Object.assign(new Error('Message rejected as spam'), { responseCode: 554 }))
    expect(await sink.send([sink.encode(report)], signal)).toEqual({ type: 'reject', reason: 'SMTP 554: 554 Message rejected as spam' })
    expect(smtp.received).toHaveLength(0)
  })

  it('never sends a mail twice when the delivery layer sends the same items again', async () => {
    const sink = createSink('reports', context())
    const batch = [report, { ...report, eventId: 'second' }].map((l) => sink.encode(l))
    smtp.failNextData(Object.assign(new Error('Try again later'), { responseCode: 451 }))
    expect(await sink.send(batch, signal)).toMatchObject({ type: 'retry' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'ok' })
    expect(await sink.send(batch, signal)).toEqual({ type: 'ok' })
    expect(smtp.received.map((m) => parseMessage(m.raw).headers.get('x-linecast-event-id'))).toEqual([report.eventId, 'second'])
    await sink.close?.()
  })

  it('retries when the server cannot be reached', async () => {
    const gone = await startSmtp()
    await gone.close()
    const sink = createSink('reports', context({ port: gone.port }))
    const outcome = await sink.send([sink.encode(report)], signal)
    expect(outcome.type).toBe('retry')
    expect(outcome.type === 'retry' && outcome.reason).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/)
  })

  it('sends one mail per batch', () => {
    expect(createSink('reports', context()).limits).toEqual({ maxItems: 1 })
  })
})
