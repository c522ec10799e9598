import pino from 'pino'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openTransport, type LinecastTransport } from '../../transports/main/open-transport.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { assertBuilt, eventIds, httpCatalog, readNdjson, tempDirs } from '../support/transport-fixtures.js'

let receiver: HttpReceiver
let transport: LinecastTransport | undefined

beforeAll(() => assertBuilt())
afterEach(async () => {
  await transport?.close()
  transport = undefined
  await receiver?.close()
})

function logger(t: LinecastTransport): pino.Logger {
  return pino(
    {
      base: { service: 'transport-test' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ eventId: randomUUID() }),
    },
    t.stream,
  )
}

describe('transport flush', () => {
  it('flush() resolves only after every earlier line is delivered', async () => {
    receiver = await startHttpReceiver()
    const dirs = tempDirs()
    transport = openTransport({
      catalog: httpCatalog(),
      env: { RECEIVER_URL: receiver.url },
      ...dirs,
      flushIntervalMs: 60_000,
      handleSignals: false,
      diagnostics: 'none',
    })
    const log = logger(transport)
    for (let i = 0; i < 250; i++) log.info({ i }, 'hello')
    await transport.flush()
    // the batch interval is a minute: only flush() can have sent them
    expect(eventIds(receiver.requests)).toHaveLength(250)
    const stats = await transport.stats()
    expect(stats.destinations.http).toMatchObject({ delivered: 250, spooled: 0, deadLettered: 0, queued: 0 })
    expect(readNdjson(dirs.spoolDir)).toEqual([])
  })
})
