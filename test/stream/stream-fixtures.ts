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
import type { HttpReceiver } from '../support/http-receiver.js'
import { decodedRecords } from '../support/otlp-decode.js'
import { DATABASE_URL, REDIS_URL } from '../support/services.js'

export const PRODUCER = fileURLToPath(new URL('./producer.mjs', import.meta.url))

const CATALOG = `catalog: 1
service: stream-test
delivery: { mode: stream, redisUrl: "\${LC_REDIS_URL}", stream: "\${LC_STREAM}", group: "\${LC_GROUP}" }
destinations:
  otel: { kind: otlp, endpoint: "\${OTLP_URL}" }
  audit: { kind: audit_log, databaseUrl: "\${DATABASE_URL}", table: "\${AUDIT_TABLE}" }
routes:
  info: [otel]
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

/** A temp project with the catalog, a unique stream key, group and audit table. */
export function streamWorld(otlpUrl: string, redisUrl = REDIS_URL): StreamWorld {
  const id = randomBytes(4).toString('hex')
  const dir = mkdtempSync(join(tmpdir(), 'linecast-stream-'))
  const catalog = join(dir, 'events.catalog.yaml')
  writeFileSync(catalog, CATALOG)
  const world = { dir, catalog, stream: `lc-test:{${id}}:lines`, group: `relays-${id}`, table: `audit_stream_${id}` }
  return {
    ...world,
    env: { LC_REDIS_URL: redisUrl, LC_STREAM: world.stream, LC_GROUP: world.group, OTLP_URL: otlpUrl, DATABASE_URL, AUDIT_TABLE: world.table, NODE_ENV: 'test' },
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

/** eventIds of the order lines the OTLP receiver decoded, in arrival order (duplicates kept). */
export function receivedOrderIds(receiver: HttpReceiver): string[] {
  return decodedRecords(receiver.requests)
    .filter((r) => r.eventName === 'order_placed')
    .map((r) => String(r.attributes.eventId))
}
