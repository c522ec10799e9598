/**
 * The audit_log sink's Supabase path: the real supabase-js client against a
 * local receiver speaking PostgREST. Checks the exact request and how each
 * answer is classified.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type AuditRow, createSink } from '../../transports/sinks/audit-log/index.js'
import type { Sink } from '../../transports/worker/delivery/types.js'
import { type HttpReceiver, startHttpReceiver } from '../support/http-receiver.js'
import { aiCall, context, noTimeout, type Reported } from './audit-log-fixtures.js'

const KEY = 'service-role-key-for-tests'
let receiver: HttpReceiver
let sink: Sink<AuditRow>
let reports: Reported[]

beforeAll(async () => {
  receiver = await startHttpReceiver()
})
afterAll(async () => {
  await receiver.close()
})
afterEach(async () => {
  await sink.close?.()
  receiver.requests.length = 0
  receiver.fallback = { status: 201, body: '' }
})

async function open(table = 'audit_log'): Promise<Sink<AuditRow>> {
  reports = []
  receiver.fallback = { status: 201, body: '' }
  sink = await createSink('audit', context({ supabaseUrl: receiver.url, serviceRoleKey: KEY, table }, reports))
  return sink
}

function batch(n: number): AuditRow[] {
  return Array.from({ length: n }, (_, i) => sink.encode(aiCall({ index: i })))
}

describe('audit_log sink on Supabase (PostgREST)', () => {
  it('posts the batch as one bulk upsert that ignores duplicate ids', async () => {
    await open('audit_events')
    const rows = batch(3)
    expect(await sink.send(rows, noTimeout())).toEqual({ type: 'ok' })
    expect(receiver.requests).toHaveLength(1)
    const [request] = receiver.requests
    const url = new URL(request?.url ?? '', receiver.url)
    expect(request?.method).toBe('POST')
    expect(url.pathname).toBe('/rest/v1/audit_events')
    expect(url.searchParams.get('on_conflict')).toBe('id')
    expect(url.searchParams.get('columns')).toBe(
      '"id","created_at","user_id","action","resource_type","resource_id","request_id","metadata"',
    )
    expect(request?.headers.apikey).toBe(KEY)
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(request?.headers.prefer).toContain('resolution=ignore-duplicates')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.json).toEqual(rows)
  })

  it('takes a 409 conflict as already there', async () => {
    await open()
    receiver.reply({ status: 409, body: { code: '23505', message: 'duplicate key value violates unique constraint', details: null, hint: null } })
    expect(await sink.send(batch(2), noTimeout())).toEqual({ type: 'ok' })
  })

  it('retries a 500 and a network failure', async () => {
    await open()
    receiver.reply({ status: 500, body: { message: 'upstream failed' } })
    expect(await sink.send(batch(1), noTimeout())).toMatchObject({ type: 'retry', reason: expect.stringMatching(/PostgREST answered 500: upstream failed/) })
    const unreachable = await createSink('audit', context({ supabaseUrl: 'http://127.0.0.1:1', serviceRoleKey: KEY }))
    expect(await unreachable.send([unreachable.encode(aiCall())], noTimeout())).toMatchObject({
      type: 'retry',
      reason: expect.stringMatching(/network error/),
    })
    await unreachable.close?.()
  })

  it('rejects a 401 loudly, pointing at the service role key', async () => {
    await open()
    receiver.reply({ status: 401, body: { message: 'Invalid API key' } })
    expect(await sink.send(batch(2), noTimeout())).toEqual({
      type: 'reject',
      loud: true,
      reason: 'PostgREST answered 401: Invalid API key: check serviceRoleKey (the service_role key) and the table\'s grants',
    })
    expect(receiver.requests).toHaveLength(1)
  })

  it('asks for a split on 413', async () => {
    await open()
    receiver.reply({ status: 413, body: { message: 'Payload Too Large' } })
    expect(await sink.send(batch(4), noTimeout())).toMatchObject({ type: 'split' })
  })

  it('bisects a 400 data error down to the bad row and delivers the rest', async () => {
    await open()
    const rows = batch(6)
    const bad = rows[4]?.id
    receiver.fallback = (request) =>
      Array.isArray(request.json) && request.json.some((r: { id?: string }) => r.id === bad)
        ? { status: 400, body: { code: '22P02', message: 'invalid input syntax for type uuid', details: null, hint: null } }
        : { status: 201, body: '' }
    const outcome = await sink.send(rows, noTimeout())
    expect(outcome).toMatchObject({ type: 'reject', items: [4], reason: expect.stringMatching(/row 4: .*22P02/) })
    const delivered = receiver.requests
      .filter((r) => Array.isArray(r.json) && !r.json.some((row: { id?: string }) => row.id === bad))
      .flatMap((r) => (r.json as AuditRow[]).map((row) => row.id))
    expect(delivered.sort()).toEqual(rows.filter((_, i) => i !== 4).map((r) => r.id).sort())
  })

  it('retries a table PostgREST does not know and reports it once', async () => {
    await open()
    receiver.fallback = { status: 404, body: { code: 'PGRST205', message: "Could not find the table 'public.audit_log' in the schema cache" } }
    expect(await sink.send(batch(1), noTimeout())).toMatchObject({ type: 'retry' })
    expect(await sink.send(batch(1), noTimeout())).toMatchObject({ type: 'retry' })
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ level: 'error', fields: { code: 'AUDIT_LOG_TABLE_MISSING', backend: 'supabase' } })
  })
})
