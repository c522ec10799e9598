import { describe, expect, it } from 'vitest'
import { withContext } from '../../emitters/index.js'
import { fixtureCatalog } from './fixture-catalog.js'
import { fixtureLogger, LOGO } from './helpers.js'

/** The fixture catalog as a catalog that declares no `context:` list, so every context field is written. */
const openContext = { ...fixtureCatalog, compiled: { ...fixtureCatalog.compiled, context: [] } }

describe('context without a declared list', () => {
  it('writes every context field but never one named like a field the line already carries', () => {
    const { log, out } = fixtureLogger({ catalog: openContext })
    withContext({ requestId: 'r1', tenantId: 't1', event: 'spoofed', level: 'fatal', msg: 'm', kind: 'audit', eventId: 'e', service: 's' }, () => {
      log.emit.logoGenerated(LOGO)
      log.info('plain')
    })
    const [emitted, plain] = out.lines
    expect(emitted).toMatchObject({ requestId: 'r1', tenantId: 't1', event: 'logo_generated', level: 'info', kind: 'analytics' })
    expect(plain).toMatchObject({ requestId: 'r1', tenantId: 't1', level: 'info', msg: 'plain' })
    expect(plain?.event).toBeUndefined()
    for (const raw of out.text.trim().split('\n')) {
      for (const key of ['event', 'level', 'msg', 'kind', 'eventId', 'service']) {
        expect(raw.split(`"${key}":`).length - 1, `${key} in ${raw}`).toBeLessThanOrEqual(1)
      }
      expect(raw).not.toContain('spoofed')
    }
  })
})
