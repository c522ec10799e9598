/**
 * Stream mode's settings, from the catalog's `delivery:` block and the
 * environment (`LINECAST_DELIVERY=stream|process` wins over the catalog's
 * mode), and the Redis client they name: one node, or Redis Cluster through
 * ioredis' cluster client.
 */
import type { Cluster, Redis } from 'ioredis'
import { requirePeer } from '../../core/peer.js'
import { LinecastError } from '../../core/errors.js'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { expandSettings } from '../../schema/env.js'
import { slotProblem } from './slot.js'

export const DEFAULT_STREAM = 'linecast:lines'
export const DEFAULT_GROUP = 'linecast-relays'

export interface StreamSettings {
  redisUrl: string
  stream: string
  group: string
  cluster: boolean
}

/** Stream mode is asked for but cannot start as configured. */
export class StreamSettingsError extends LinecastError {
  constructor(message: string) {
    super('LINECAST_STREAM_SETTINGS', message)
  }
}

/** The settings when stream mode is on, undefined for in-process delivery. */
export function streamSettings(catalog: CompiledCatalog, env: Readonly<Record<string, string | undefined>>): StreamSettings | undefined {
  const spec = catalog.delivery
  const mode = env.LINECAST_DELIVERY === 'stream' || env.LINECAST_DELIVERY === 'process' ? env.LINECAST_DELIVERY : (spec?.mode ?? 'process')
  if (mode !== 'stream') return undefined
  const written = { redisUrl: spec?.redisUrl ?? '${REDIS_URL}', stream: spec?.stream ?? DEFAULT_STREAM, group: spec?.group ?? DEFAULT_GROUP }
  const { settings, missing } = expandSettings(written, env as NodeJS.ProcessEnv)
  if (missing.length > 0) {
    throw new StreamSettingsError(`stream delivery needs ${missing.join(', ')} (delivery.redisUrl, delivery.stream in the catalog); set it, or LINECAST_DELIVERY=process`)
  }
  const stream = String(settings.stream)
  const problem = spec?.cluster === true ? slotProblem(stream) : undefined
  if (problem !== undefined) throw new StreamSettingsError(`${problem} (delivery.stream)`)
  return {
    redisUrl: String(settings.redisUrl),
    stream,
    group: String(settings.group),
    cluster: spec?.cluster === true,
  }
}

export type StreamRedis = Redis | Cluster

/**
 * A client for the stream. Commands fail at once while Redis is unreachable
 * (no offline queue) so the caller spools or waits instead of piling them up.
 * A cluster's seed nodes are the comma-separated URLs of `redisUrl`.
 */
export function connectStream(settings: Pick<StreamSettings, 'redisUrl' | 'cluster'>, name: string): StreamRedis {
  const { Redis, Cluster } = requirePeer<typeof import('ioredis')>('ioredis', 'stream mode (delivery.mode: stream)')
  if (!settings.cluster) {
    return new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: name, retryStrategy: (n) => Math.min(50 * n, 1000) })
  }
  const nodes = settings.redisUrl.split(',').map((url) => {
    const u = new URL(url.trim())
    return { host: u.hostname, port: Number(u.port || 6379) }
  })
  return new Cluster(nodes, {
    enableOfflineQueue: false,
    clusterRetryStrategy: (n) => Math.min(50 * n, 1000),
    redisOptions: { connectionName: name, maxRetriesPerRequest: 1 },
  })
}

/** Resolves once the client is connected; rejects after `timeoutMs` (the client keeps trying). */
export function whenReady(client: StreamRedis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', ready)
      reject(new StreamSettingsError(`cannot reach Redis for the stream within ${timeoutMs} ms; check delivery.redisUrl (or REDIS_URL) and that Redis is up`))
    }, timeoutMs)
    const ready = (): void => {
      clearTimeout(timer)
      resolve()
    }
    client.once('ready', ready)
  })
}
