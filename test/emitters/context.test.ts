import { setImmediate as tick } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { getContext, withContext } from '../../emitters/index.js'
import { fixtureLogger, LOGO } from './helpers.js'

/** resolves when `check` returns true, fails after a deadline (no fixed sleeps) */
async function until(check: () => boolean, deadlineMs = 2000): Promise<void> {
  const end = Date.now() + deadlineMs
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met before the deadline')
    await tick()
  }
}

describe('withContext', () => {
  it('stamps context fields on event lines and plain lines', () => {
    const { log, out } = fixtureLogger()
    withContext({ requestId: 'req_1', userId: 'u_1' }, () => {
      log.emit.logoGenerated(LOGO)
      log.info('plain')
    })
    const [a, b] = out.lines
    expect(a).toMatchObject({ requestId: 'req_1', userId: 'u_1', event: 'logo_generated' })
    expect(b).toMatchObject({ requestId: 'req_1', userId: 'u_1', msg: 'plain' })
    // context fields come before the properties
    const keys = Object.keys(a as object)
    expect(keys.indexOf('requestId')).toBeLessThan(keys.indexOf('brandId'))
  })

  it('lets a property win over a context field of the same name', () => {
    const { log, out } = fixtureLogger()
    withContext({ userId: 'from_context' }, () =>
      log.emit.userSignedUp({ userId: 'from_props', email: 'a@b.co', plan: 'free' }),
    )
    expect(out.line.userId).toBe('from_props')
    expect(out.text.match(/"userId"/g)).toHaveLength(1)
  })

  it('writes only the catalog context fields', () => {
    const { log, out } = fixtureLogger()
    withContext({ requestId: 'r', notDeclared: 'x' }, () => log.emit.logoGenerated(LOGO))
    expect(out.line.requestId).toBe('r')
    expect(out.line).not.toHaveProperty('notDeclared')
  })

  it('merges nested contexts, the inner value winning, and restores the outer one', () => {
    const seen: unknown[] = []
    withContext({ requestId: 'outer', tenant: 'acme' }, () => {
      withContext({ requestId: 'inner', jobId: 'j1' }, () => seen.push(getContext()))
      seen.push(getContext())
    })
    seen.push(getContext())
    expect(seen).toEqual([{ requestId: 'inner', tenant: 'acme', jobId: 'j1' }, { requestId: 'outer', tenant: 'acme' }, {}])
  })

  it('returns what the function returns, promises included', async () => {
    expect(withContext({ a: 1 }, () => 42)).toBe(42)
    await expect(withContext({ a: 1 }, async () => 'done')).resolves.toBe('done')
  })

  it('propagates across awaits, setTimeout, setImmediate, queueMicrotask and promise chains', async () => {
    const { log, out } = fixtureLogger()
    let timers = 0
    await withContext({ requestId: 'req_async' }, async () => {
      await Promise.resolve()
      log.info('after await')
      setTimeout(() => {
        log.info('in setTimeout')
        timers++
      }, 1)
      setImmediate(() => {
        log.info('in setImmediate')
        timers++
      })
      queueMicrotask(() => log.info('in microtask'))
      await new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => log.info('in then'))
    })
    await until(() => timers === 2)
    const lines = out.lines
    expect(lines.map((l) => l.msg).sort()).toEqual(
      ['after await', 'in microtask', 'in setImmediate', 'in setTimeout', 'in then'].sort(),
    )
    for (const l of lines) expect(l.requestId).toBe('req_async')
  })

  it('keeps concurrent requests apart', async () => {
    const { log, out } = fixtureLogger()
    const handle = async (id: string, hops: number): Promise<void> => {
      for (let i = 0; i < hops; i++) {
        await tick()
        log.emit.logoGenerated({ ...LOGO, jobId: `${id}_${i}` })
      }
    }
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => withContext({ requestId: `req_${n}`, userId: `u_${n}` }, () => handle(`req_${n}`, 5))),
    )
    const lines = out.lines
    expect(lines).toHaveLength(100)
    for (const l of lines) {
      const owner = String(l.jobId).replace(/_\d+$/, '')
      expect(l.requestId).toBe(owner)
      expect(l.userId).toBe(owner.replace('req_', 'u_'))
    }
  })

  it('writes no context fields outside any context', () => {
    const { log, out } = fixtureLogger()
    log.emit.logoGenerated(LOGO)
    expect(out.line).not.toHaveProperty('requestId')
  })

  it('redacts secret-looking context values when the context opens', () => {
    withContext({ requestId: 'r', authorization: 'Bearer xyz', note: 'key=abc123' }, () => {
      expect(getContext()).toEqual({ requestId: 'r', authorization: '[REDACTED]', note: 'key=[REDACTED]' })
    })
  })
})
