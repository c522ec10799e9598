/**
 * Setup shared by the sink tests that drive one sink against a local
 * receiver: one receiver for the whole file, cleared before each test, and
 * the `SinkContext` a sink is created with.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { CompiledCatalog } from '../../schema/compiled.js'
import type { SinkContext } from '../../transports/worker/delivery/types.js'
import { startHttpReceiver, type HttpReceiver, type ScriptedReply } from './http-receiver.js'

/**
 * Registers hooks in the calling suite: a receiver started before all tests
 * and closed after them; before each test its requests are cleared and it
 * answers `fallback` until the test scripts otherwise. The returned handle
 * reaches the receiver once started (inside hooks and tests).
 */
export function receiverForFile(fallback: ScriptedReply): HttpReceiver {
  let started: HttpReceiver | undefined
  const current = (): HttpReceiver => {
    if (started === undefined) throw new Error('the receiver starts in beforeAll: use it inside a test or hook')
    return started
  }
  beforeAll(async () => {
    started = await startHttpReceiver()
  })
  afterAll(async () => {
    await started?.close()
  })
  beforeEach(() => {
    current().requests.length = 0
    current().fallback = fallback
  })
  return {
    get url() {
      return current().url
    },
    get port() {
      return current().port
    },
    get requests() {
      return current().requests
    },
    get peakOpen() {
      return current().peakOpen
    },
    get fallback() {
      return current().fallback
    },
    set fallback(reply) {
      current().fallback = reply
    },
    reply: (...replies) => current().reply(...replies),
    waitFor: (predicate, timeoutMs) => current().waitFor(predicate, timeoutMs),
    close: () => current().close(),
  }
}

/** The context a sink is created with: its settings, the catalog, and a report that drops notices. */
export function sinkContext(catalog: CompiledCatalog, settings: Record<string, unknown>): SinkContext {
  return { settings, catalog, report: () => {} }
}
