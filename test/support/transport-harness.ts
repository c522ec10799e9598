/** Opens a transport against a scripted receiver, with a pino logger writing linecast-shaped lines. */
import { randomUUID } from 'node:crypto'
import pino from 'pino'
import type { CompiledCatalog } from '../../schema/compiled.js'
import type { LogLine } from '../../transports/worker/delivery/types.js'
import { openTransport, type LinecastTransport, type TransportOptions } from '../../transports/main/open-transport.js'
import type { HttpReceiver, ReceivedRequest, ScriptedReply } from './http-receiver.js'
import { httpCatalog, tempDirs } from './transport-fixtures.js'

export interface Harness {
  transport: LinecastTransport
  log: pino.Logger
  /** eventIds the receiver accepted (answered 2xx), in arrival order */
  accepted: string[]
  reports: LogLine[]
  dirs: ReturnType<typeof tempDirs>
}

export function idsOf(req: ReceivedRequest): string[] {
  return Array.isArray(req.json) ? (req.json as { eventId: string }[]).map((l) => l.eventId) : []
}

/** The receiver answers through `script` (default 200); 2xx answers record the batch as accepted. */
export function openHarness(
  receiver: HttpReceiver,
  script: (req: ReceivedRequest, n: number) => ScriptedReply = () => ({ status: 200 }),
  options: Partial<TransportOptions> & { catalog?: CompiledCatalog } = {},
): Harness {
  const accepted: string[] = []
  const reports: LogLine[] = []
  let n = 0
  receiver.fallback = (req) => {
    const reply = script(req, n++)
    const status = reply.status ?? 200
    if (!reply.hang && status >= 200 && status < 300) accepted.push(...idsOf(req))
    return reply
  }
  const dirs = tempDirs()
  const transport = openTransport({
    catalog: httpCatalog(),
    env: { RECEIVER_URL: receiver.url },
    ...dirs,
    flushIntervalMs: 50,
    handleSignals: false,
    diagnostics: 'none',
    retry: { baseMs: 20, capMs: 200 },
    onReport: (line) => void reports.push(line),
    ...options,
  })
  const log = pino(
    {
      base: { service: 'transport-test' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ eventId: randomUUID() }),
    },
    transport.stream,
  )
  return { transport, log, accepted, reports, dirs }
}
