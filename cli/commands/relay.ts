/**
 * `linecast relay`: a long-running worker that delivers what producers in
 * stream mode appended to the Redis Stream (transports/stream/relay.ts).
 * Start one or many, on any machines; SIGTERM/SIGINT stop it gracefully.
 */
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { startRelay } from '../../transports/stream/relay.js'
import { streamSettings } from '../../transports/stream/settings.js'
import { serveHealth } from '../../transports/stream/stats.js'
import { DEFAULT_CATALOG, loadForCommand } from '../catalog.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} ${value} is not a whole number`, 'relay')
  return n
}

export const relayCommand = defineCommand({
  name: 'relay',
  summary: 'deliver the lines producers in stream mode append to the Redis Stream (run one or many)',
  description:
    'Reads the stream of the catalog\'s `delivery:` block in a consumer group, delivers each line to its\n' +
    'destinations and acknowledges it once they all took it. Example:\n' +
    '  REDIS_URL=redis://redis:6379 linecast relay --concurrency 4 --health 9464',
  options: {
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog (destinations, routes, the delivery block)' },
    concurrency: { type: 'string', valueName: 'N', description: 'batches delivered at once (default 4)' },
    consumer: { type: 'string', valueName: 'NAME', description: 'this relay\'s name in the group (default host-pid-random; keep it unique)' },
    health: { type: 'string', valueName: 'PORT', description: 'serve /metrics, /ready and /live on this port' },
    'claim-idle': { type: 'string', valueName: 'MS', description: 'claim entries another relay left pending this long (default 30000)' },
    budget: { type: 'string', valueName: 'MS', description: 'time SIGTERM gives the batches in flight (default 8000)' },
    'stats-interval': { type: 'string', valueName: 'MS', description: 'how often the stream is trimmed and linecast.relay_stats written (default 10000)' },
  },
  async run({ values, out, cwd, env, signal }) {
    const catalog = loadForCommand(out, cwd, values.catalog)
    if (catalog === undefined) return 1
    const settings = streamSettings(catalog, { ...env, LINECAST_DELIVERY: 'stream' })
    if (settings === undefined) return 1
    const budgetMs = positiveInt(values.budget, '--budget', 8000)
    const consumer = values.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
    const relay = await startRelay({
      catalog,
      settings,
      env,
      consumer,
      concurrency: positiveInt(values.concurrency, '--concurrency', 4),
      claimIdleMs: positiveInt(values['claim-idle'], '--claim-idle', 30_000),
      statsIntervalMs: Math.max(100, positiveInt(values['stats-interval'], '--stats-interval', 10_000)),
      worker: { budgetMs, environment: env.NODE_ENV ?? 'development' },
      write: (text) => out.write(text),
    })
    const health = values.health === undefined ? undefined : await serveHealth(positiveInt(values.health, '--health', 0), '0.0.0.0', relay)
    out.note(`linecast relay ${consumer}: reading ${settings.stream} in group ${settings.group}${health ? `, health on :${health.port}` : ''}`)
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })))
    await relay.stop(Date.now() + budgetMs)
    health?.server.close()
    const c = relay.counts()
    out.note(`linecast relay ${consumer}: stopped; ${c.acknowledged} lines acknowledged, ${c.skipped} not sent again to destinations that had them, ${c.resent} sent again after a relay died mid-send`)
    return 0
  },
})
