import * as otelApi from '@opentelemetry/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enableOtelContext, inSpan } from '../bench/otel-context.js'
import { fixtureLogger, LOGO } from '../test/emitters/helpers.js'
import { loadActiveTrace, requireOtelApi } from './trace.js'

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const SPAN = '00f067aa0ba902b7'

describe('trace ids on emitted lines', () => {
  let disable: () => void
  beforeAll(() => {
    disable = enableOtelContext()
  })
  afterAll(() => disable())

  it('stamps traceId and spanId of the active span, on the fast and the pino writer paths', () => {
    for (const path of ['fast', 'pino'] as const) {
      const { log, out } = fixtureLogger()
      const target = path === 'fast' ? log : log.child({}, { formatters: { log: (o) => o } })
      inSpan(TRACE, SPAN, () => target.emit.logoGenerated(LOGO))
      target.emit.logoGenerated(LOGO)
      const [inside, outside] = out.lines
      expect(inside).toMatchObject({ event: 'logo_generated', traceId: TRACE, spanId: SPAN })
      expect(outside).not.toHaveProperty('traceId')
      expect(outside).not.toHaveProperty('spanId')
    }
  })

  it('stamps nothing for an invalid span context or with trace: false', () => {
    const { log, out } = fixtureLogger()
    inSpan(otelApi.INVALID_TRACEID, otelApi.INVALID_SPANID, () => log.emit.logoGenerated(LOGO))
    const off = fixtureLogger({ trace: false })
    inSpan(TRACE, SPAN, () => off.log.emit.logoGenerated(LOGO))
    expect(out.line).not.toHaveProperty('traceId')
    expect(off.out.line).not.toHaveProperty('traceId')
  })

  it('has no hook when @opentelemetry/api cannot be loaded', () => {
    expect(requireOtelApi('file:///nonexistent/dir/x.js')).toBeUndefined()
    expect(loadActiveTrace(undefined)).toBeUndefined()
    expect(loadActiveTrace({ trace: {} })).toBeUndefined()
    expect(typeof loadActiveTrace(otelApi)).toBe('function')
  })
})
