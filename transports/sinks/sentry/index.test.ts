/**
 * The Sentry sink's send as the delivery layer calls it: one abort signal for
 * a whole batch, each event of the batch its own envelope.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.js'
import { sinkCatalog } from '../../../test/support/sink-catalog.js'
import type { LogLine, Sink } from '../../worker/delivery/types.js'
import { createSink, type SentryItem } from './index.js'

let receiver: HttpReceiver
let sink: Sink<SentryItem> | undefined
const warnings: Error[] = []
const onWarning = (warning: Error): void => void warnings.push(warning)

beforeEach(async () => {
  receiver = await startHttpReceiver()
  warnings.length = 0
  process.on('warning', onWarning)
})
afterEach(async () => {
  process.off('warning', onWarning)
  await sink?.close?.()
  await receiver.close()
})

function errorLine(i: number): LogLine {
  return {
    level: 'error',
    time: new Date().toISOString(),
    eventId: `5b1e4c2a-9d3f-4e7a-8c6b-${String(i).padStart(12, '0')}`,
    service: 'brand-api',
    event: 'payment_failed',
    kind: 'error',
    msg: `payment ${i} failed`,
  }
}

describe('Sentry sink send', () => {
  it('sends a full batch under one signal without a MaxListenersExceededWarning', async () => {
    sink = createSink('errors', {
      settings: { dsn: `http://publickey@127.0.0.1:${receiver.port}/1` },
      catalog: sinkCatalog(),
      report: () => undefined,
    })
    const batch = Array.from({ length: 50 }, (_, i) => sink!.encode(errorLine(i)))
    expect(await sink.send(batch, new AbortController().signal)).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(50)
    // the warning is emitted on a later tick
    await new Promise<void>((resolve) => setImmediate(resolve))
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([])
  })
})
