/** Redis when it is there: a quick probe, then the client BullMQ wants. */
import { Redis } from 'ioredis'

/** True when `url` answers PING within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
  probe.on('error', () => undefined)
  try {
    await probe.connect()
    await probe.ping()
    return true
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}

/** A client for BullMQ (which requires `maxRetriesPerRequest: null`). */
export function bullmqConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null })
}
