/**
 * The audit_log sink's embedded default: PGlite in a data directory, created
 * and migrated on first use, rows kept across restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { createSink } from '../../transports/sinks/audit-log/index.js'
import { aiCall, context, line, noTimeout } from './audit-log-fixtures.js'

const root = mkdtempSync(join(tmpdir(), 'linecast-pglite-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A fresh embedded PGlite runs initdb in WASM first: tens of seconds on a loaded 2-core host. */
const PGLITE_INIT_MS = 120_000

describe('audit_log sink on PGlite', () => {
  it('creates the database and table on first use and keeps rows across restarts, once each', async () => {
    const dataDir = join(root, 'nested', 'pglite')
    const first = await createSink('audit', context({ dataDir }))
    const cost = aiCall({ time: '2025-05-05T05:05:05.005Z' })
    const batch = [first.encode(cost), first.encode(line('brand_deleted', { actorId: 'admin-2', brandId: 'b-1' }))]
    expect(await first.send(batch, noTimeout())).toEqual({ type: 'ok' })
    await first.close?.()

    const second = await createSink('audit', context({ dataDir }))
    expect(await second.send(batch, noTimeout())).toEqual({ type: 'ok' })
    expect(() => second.encode(line('page_viewed', { path: '/' }))).toThrow(/"page_viewed" \(kind analytics\) reached an audit_log destination/)
    await second.close?.()

    const db = await PGlite.create(dataDir)
    try {
      const { rows } = await db.query(
        'select id, created_at, user_id, action, resource_type, resource_id, request_id, metadata from audit_log order by action',
      )
      expect(rows).toEqual([
        {
          id: cost.eventId,
          created_at: new Date('2025-05-05T05:05:05.005Z'),
          user_id: 'user-1',
          action: 'ai_api_call',
          resource_type: 'cost',
          resource_id: null,
          request_id: 'req-1',
          metadata: expect.objectContaining({ event: 'ai_api_call', model: 'gpt-4o', cost: 0.25 }),
        },
        expect.objectContaining({ action: 'brand.delete', user_id: 'admin-2', resource_id: 'b-1' }),
      ])
    } finally {
      await db.close()
    }
  }, PGLITE_INIT_MS)
})
