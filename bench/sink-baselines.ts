/**
 * What a team writes by hand instead of linecast, for the sinks bench:
 * - HTTP: batches of 1000 parsed lines, JSON.stringify, gzip, one fetch in flight;
 * - Postgres: the same 1000-row unnest insert on one connection, one at a time;
 * - Sentry: the same @sentry/node transport fed ready envelopes with a sliding window of 64.
 */
import { promisify } from 'node:util'
import { gzip as gzipCallback } from 'node:zlib'
import { makeNodeTransport } from '@sentry/node'
import pg from 'pg'
import type { LogLine } from '../transports/worker/delivery/types.js'
import { since } from './sink-drive.js'

const gzip = promisify(gzipCallback)

export async function handWrittenHttp(url: string, lines: readonly LogLine[]): Promise<number> {
  const start = process.hrtime.bigint()
  for (let i = 0; i < lines.length; i += 1000) {
    const body = await gzip(JSON.stringify(lines.slice(i, i + 1000).map((l) => ({ ...l, dt: l.time }))))
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body })
    await res.text()
    if (!res.ok) throw new Error(`hand-written HTTP: ${res.status}`)
  }
  return lines.length / since(start)
}

export async function handWrittenInsert(databaseUrl: string, table: string, lines: readonly LogLine[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const sql =
    `insert into ${table} (id, created_at, user_id, action, resource_type, resource_id, request_id, metadata) ` +
    'select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) on conflict (id) do nothing'
  const start = process.hrtime.bigint()
  try {
    for (let i = 0; i < lines.length; i += 1000) {
      const rows = lines.slice(i, i + 1000)
      await client.query(sql, [
        rows.map((l) => l.eventId),
        rows.map((l) => l.time),
        rows.map((l) => String(l.userId ?? '')),
        rows.map((l) => String(l.event)),
        rows.map(() => 'cost'),
        rows.map(() => null),
        rows.map((l) => String(l.requestId ?? '')),
        rows.map(({ level: _l, time: _t, msg: _m, eventId: _e, requestId: _r, userId: _u, ...rest }) => JSON.stringify(rest)),
      ])
    }
  } finally {
    await client.end()
  }
  return lines.length / since(start)
}

export async function handWrittenSentry(dsnPort: number, lines: readonly LogLine[]): Promise<number> {
  const transport = makeNodeTransport({ url: `http://127.0.0.1:${dsnPort}/api/9/envelope/?sentry_key=bench&sentry_version=7`, recordDroppedEvent: () => undefined, bufferSize: 64 })
  const start = process.hrtime.bigint()
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < lines.length) {
      const line = lines[next++] as LogLine
      const eventId = line.eventId.replace(/-/g, '')
      const event = { event_id: eventId, level: 'error', message: line.msg, timestamp: Date.parse(line.time) / 1000, platform: 'node', environment: line.env, tags: { event: line.event } }
      const envelope = [{ event_id: eventId, sent_at: new Date().toISOString() }, [[{ type: 'event' }, event]]] as unknown as Parameters<typeof transport.send>[0]
      const response = await transport.send(envelope)
      if (response.statusCode !== 200) throw new Error(`hand-written Sentry: ${String(response.statusCode)}`)
    }
  }
  await Promise.all(Array.from({ length: 64 }, lane))
  await transport.flush(1000)
  return lines.length / since(start)
}
