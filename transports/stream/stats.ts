/**
 * What a relay says about the stream's lag: its length, the entries pending
 * in the group and the age of the oldest pending one, as a
 * `linecast.relay_stats` line and as /metrics text; and the relay's health
 * endpoint (`/metrics`, `/ready` failing while Redis is unreachable, `/live`).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { StreamRedis } from './settings.js'

/** What one relay counted since it started. */
export interface RelayCounts {
  /** entries it acknowledged */
  acknowledged: number
  /** lines of claimed entries not sent again to a destination that had taken them */
  skipped: number
  /** lines of claimed entries sent again to a destination that may hold them already (a relay died between its answer and the record) */
  resent: number
  /** entries whose `done` record Redis did not take: sent again if claimed */
  unrecorded: number
}

export interface RelayStats extends RelayCounts {
  streamLength: number
  pending: number
  /** ms since the oldest pending entry was appended; 0 when none is pending */
  oldestPendingAgeMs: number
}

export async function readRelayStats(redis: StreamRedis, stream: string, group: string, counts: RelayCounts, now = Date.now()): Promise<RelayStats> {
  const [length, summary] = await Promise.all([redis.xlen(stream), redis.xpending(stream, group) as Promise<[number, string | null, ...unknown[]]>])
  const pending = Number(summary[0])
  const oldest = summary[1]
  const oldestPendingAgeMs = pending > 0 && typeof oldest === 'string' ? Math.max(0, now - Number(oldest.split('-')[0])) : 0
  return { streamLength: Number(length), pending, oldestPendingAgeMs, ...counts }
}

/** A label value as the exposition format writes it: backslash, double quote and newline escaped. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** Prometheus text exposition of the stats. */
export function metricsText(stats: RelayStats, labels: { stream: string; group: string; consumer: string }): string {
  const l = `{stream="${labelValue(labels.stream)}",group="${labelValue(labels.group)}",consumer="${labelValue(labels.consumer)}"}`
  const metrics: [name: string, type: 'gauge' | 'counter', help: string, value: string | number][] = [
    ['stream_length', 'gauge', 'Entries in the stream.', stats.streamLength],
    ['pending', 'gauge', 'Entries read by a relay and not acknowledged yet.', stats.pending],
    ['oldest_pending_age_seconds', 'gauge', 'Age of the oldest pending entry.', (stats.oldestPendingAgeMs / 1000).toFixed(3)],
    ['acknowledged_total', 'counter', 'Lines this relay acknowledged.', stats.acknowledged],
    ['skipped_total', 'counter', 'Lines of claimed entries not sent again to a destination that had taken them.', stats.skipped],
    ['resent_total', 'counter', 'Lines of claimed entries sent again to a destination that may hold them already.', stats.resent],
    ['unrecorded_total', 'counter', 'Entries whose delivery could not be recorded in Redis.', stats.unrecorded],
  ]
  const lines = metrics.flatMap(([name, type, help, value]) => [`# HELP linecast_relay_${name} ${help}`, `# TYPE linecast_relay_${name} ${type}`, `linecast_relay_${name}${l} ${value}`])
  return `${lines.join('\n')}\n`
}

export interface HealthSource {
  /** false while Redis cannot be reached */
  ready(): boolean
  metrics(): Promise<string>
}

export async function serveHealth(port: number, host: string, source: HealthSource): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/live') return void res.writeHead(200).end('ok\n')
    if (path === '/ready') {
      const ready = source.ready()
      return void res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ready\n' : 'Redis is unreachable\n')
    }
    if (path === '/metrics') {
      source.metrics().then(
        (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
        (error: unknown) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`cannot read the stream: ${String(error)}\n`),
      )
      return
    }
    res.writeHead(404).end('not found: /metrics, /ready, /live\n')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return { server, port: (server.address() as AddressInfo).port }
}
