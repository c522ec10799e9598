import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { randomUUID } from 'node:crypto'
import { openDelivery, type Delivery } from '../../emitters/delivery.js'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js'
import { idsOf } from '../support/transport-harness.js'
import { assertBuilt, httpCatalog, tempDirs } from '../support/transport-fixtures.js'

let receiver: HttpReceiver
let delivery: Delivery | undefined
beforeAll(() => assertBuilt())
afterEach(async () => {
  await delivery?.close()
  await receiver?.close()
})

describe('openDelivery', () => {
  it('gives a logger one destination whose lines reach the catalog destinations', async () => {
    receiver = await startHttpReceiver()
    delivery = openDelivery({
      catalog: { compiled: httpCatalog(), schemas: {} },
      env: { RECEIVER_URL: receiver.url },
      ...tempDirs(),
      handleSignals: false,
      diagnostics: 'none',
    })
    const log = pino({ formatters: { level: (label) => ({ level: label }) }, mixin: () => ({ eventId: randomUUID() }) }, delivery.destination)
    log.info('a')
    log.warn('b')
    log.debug('not routed: below info')
    await delivery.flush()
    const lines = receiver.requests.flatMap((r) => r.json as { msg: string }[])
    expect(lines.map((l) => l.msg)).toEqual(['a', 'b'])
    expect(receiver.requests.flatMap(idsOf)).toHaveLength(2)
    expect((await delivery.stats()).destinations.http?.delivered).toBe(2)
  })
})
