/**
 * Stream-mode test fixtures: a catalog whose lines go to an OTLP receiver and
 * an audit_log table through a unique stream key, producer and relay child
 * processes, and a deadline-bounded wait.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { binary } from '../cli/run-cli.js'
import type { HttpReceiver, ReceivedRequest } from '../support/http-receiver.js'
import { decodedRecords } from '../support/otlp-decode.js'
import pg from 'pg'
import { migrateDatabase } from '../../transports/sinks/audit-log/index.js'
import { DATABASE_URL, REDIS_URL } from '../support/services.js'

export const PRODUCER = fileURLToPath(new URL('./producer.mjs', import.meta.url))

/** `logs` (Better Stack) is on only where the world names its receiver. */
const catalogText = (cluster: boolean): string => `catalog: 1
service: stream-test
delivery: { mode: stream, redisUrl: "\${LC_REDIS_URL}", stream: "\${LC_STREAM}", group: "\${LC_GROUP}", cluster: ${cluster} }
destinations:
  otel: { kind: otlp, endpoint: "\${OTLP_URL}" }
  logs: { kind: betterstack, token: t, url: "\${LOGS_URL}" }
  audit: { kind: audit_log, databaseUrl: "\${DATABASE_URL}", table: "\${AUDIT_TABLE}" }
routes:
  info: [otel, logs]
events:
  order_placed:
    kind: audit
    description: An order was placed.
    audit: { action: order.place, resourceType: order, resourceId: orderId }
    to: [audit]
    properties:
      orderId: string
      n: integer
`

export interface StreamWorld {
  dir: string
  catalog: string
  stream: string
  group: string
  table: string
  env: Record<string, string>
}

export interface WorldOptions {
  /** the Redis URL (comma-separated seed nodes with `cluster`) */
  redisUrl?: string
  cluster?: boolean
  /** a second HTTP receiver, as the Better Stack destination `logs` */
  logsUrl?: string
  /** the stream key (default `lc-test:{<id>}:lines`) */
  stream?: string
}

/** A temp project with the catalog, a unique stream key, group and audit table. */
export function streamWorld(otlpUrl: string, options: WorldOptions = {}): StreamWorld {
  const id = randomBytes(4).toString('hex')
  const dir = mkdtempSync(join(tmpdir(), 'linecast-stream-'))
  const catalog = join(dir, 'events.catalog.yaml')
  writeFileSync(catalog, catalogText(options.cluster === true))
  const world = { dir, catalog, stream: options.stream ?? `lc-test:{${id}}:lines`, group: `relays-${id}`, table: `audit_stream_${id}` }
  const env: Record<string, string> = { LC_REDIS_URL: options.redisUrl ?? REDIS_URL, LC_STREAM: world.stream, LC_GROUP: world.group, OTLP_URL: otlpUrl, DATABASE_URL, AUDIT_TABLE: world.table, NODE_ENV: 'test' }
  if (options.logsUrl !== undefined) env.LOGS_URL = options.logsUrl
  return { ...world, env }
}

/** The world's audit_log table in Postgres: created, counted, dropped. */
export interface AuditTable {
  rows(): Promise<{ total: number; distinct: number }>
  drop(): Promise<void>
}

export async function auditTable(world: StreamWorld): Promise<AuditTable> {
  await migrateDatabase({ databaseUrl: DATABASE_URL }, { table: world.table })
  const db = new pg.Client({ connectionString: DATABASE_URL })
  await db.connect()
  return {
    async rows() {
      const { rows } = await db.query<{ total: string; distinct: string }>(`select count(*) as total, count(distinct id) as distinct from ${world.table}`)
      return { total: Number(rows[0]?.total), distinct: Number(rows[0]?.distinct) }
    },
    async drop() {
      await db.query(`drop table if exists ${world.table}`)
      await db.end()
    },
  }
}

export interface Child {
  process: ChildProcess
  exited: Promise<number | null>
  output: () => string
}

function start(args: string[], world: StreamWorld): Child {
  const child = spawn(process.execPath, args, { cwd: world.dir, env: { ...process.env, ...world.env, NO_COLOR: '1' } })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (output += c))
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { process: child, exited, output: () => output }
}

/** eventIds `<prefix>000000000000` … (UUID-shaped: prefix is `00000000-0000-4000-8<k>00-`) */
export function startProducer(world: StreamWorld, prefix: string, count: number, pauseMs = 15): Child {
  return start([PRODUCER, world.catalog, prefix, String(count), String(pauseMs)], world)
}

export function startRelay(world: StreamWorld, consumer: string, extra: string[] = []): Child {
  return start([binary, 'relay', '--catalog', world.catalog, '--consumer', consumer, '--claim-idle', '1500', '--budget', '3000', ...extra], world)
}

/** Polls `condition` until it holds; past the deadline fails with what the children printed. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number, children: readonly Child[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${children.map((c) => c.output().slice(-3000)).join('\n---\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The eventIds producers with these prefixes write. */
export function producedIds(prefixes: readonly string[], perProducer: number): string[] {
  return prefixes.flatMap((prefix) => Array.from({ length: perProducer }, (_, i) => `${prefix}${String(i).padStart(12, '0')}`))
}

/** A receiver that refuses for a while (503: the sink retries); what it refused was not received. */
export interface Gate {
  close(): void
  open(): void
  readonly refused: ReadonlySet<ReceivedRequest>
}

export function gate(receiver: HttpReceiver): Gate {
  const refused = new Set<ReceivedRequest>()
  let closed = false
  receiver.fallback = (request) => {
    if (!closed) return { status: 200, body: {} }
    refused.add(request)
    return { status: 503, body: { error: 'closed' } }
  }
  return { close: () => void (closed = true), open: () => void (closed = false), refused }
}

const taken = (receiver: HttpReceiver, gated?: Gate): ReceivedRequest[] => receiver.requests.filter((r) => gated?.refused.has(r) !== true)

/** eventIds of the order lines the Better Stack receiver took, in arrival order (duplicates kept). */
export function receivedLogIds(receiver: HttpReceiver, gated?: Gate): string[] {
  const ids: string[] = []
  for (const request of taken(receiver, gated)) {
    if (!Array.isArray(request.json)) continue
    for (const record of request.json as Record<string, unknown>[]) if (record.event === 'order_placed') ids.push(String(record.eventId))
  }
  return ids
}

/** eventIds of the order lines the OTLP receiver took and decoded, in arrival order (duplicates kept). */
export function receivedOrderIds(receiver: HttpReceiver, gated?: Gate): string[] {
  return decodedRecords(taken(receiver, gated))
    .filter((r) => r.eventName === 'order_placed')
    .map((r) => String(r.attributes.eventId))
}
