import { describe, expect, it } from 'vitest'
import type { CompiledCatalog, CompiledEvent } from '../../schema/compiled.js'
import { compiledEvent } from '../../test/support/compiled-catalog.js'
import { analyzeCoverage } from './analyze.js'

function event(name: string, helper: string, builtin = false): CompiledEvent {
  return compiledEvent(name, { helper, ...(builtin ? { builtin } : {}) })
}

const catalog = {
  events: {
    logo_generated: event('logo_generated', 'logoGenerated'),
    logo_failed: event('logo_failed', 'logoFailed'),
    signup_completed: event('signup_completed', 'signupCompleted'),
    alert_triggered: event('alert_triggered', 'alertTriggered', true),
  },
} as unknown as CompiledCatalog

describe('analyzeCoverage', () => {
  it('reports unused events (built-ins excepted) and unknown calls of both forms', () => {
    const report = analyzeCoverage(catalog, [
      { path: 'a.ts', text: "log.emit.logoGenerated({})\nlog.emit.logoGenratd({})" },
      { path: 'b.ts', text: "emit('logo_failed', {})\nemit('signup_complete', {})\nsocket.emit('close')\nthis.emit('level-change', a, b)" },
    ])
    expect(report.total).toBe(3)
    expect(report.unused).toEqual(['signup_completed'])
    expect(report.emitted).toEqual({ logo_generated: 1, logo_failed: 1 })
    expect(report.unknown).toEqual([
      { form: 'helper', name: 'logoGenratd', line: 2, column: 10, file: 'a.ts', didYouMean: 'logoGenerated' },
      { form: 'keyed', name: 'signup_complete', line: 2, column: 6, file: 'b.ts', didYouMean: 'signup_completed' },
    ])
  })
})
