/**
 * Real services the integration tests use. Under CI=true a missing service is
 * a failure, never a silent skip.
 */
import { Socket } from 'node:net'

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('error', () => done(false))
    socket.connect(port, host, () => done(true))
  })
}

/** Throws (so the suite fails loudly) when the service cannot be reached. */
export async function requireService(name: 'postgres' | 'redis'): Promise<void> {
  const url = new URL(name === 'postgres' ? DATABASE_URL : REDIS_URL)
  const port = Number(url.port || (name === 'postgres' ? 5432 : 6379))
  if (!(await reachable(url.hostname, port))) {
    throw new Error(`${name} is not reachable at ${url.hostname}:${port}; start it (see README, "Running the tests")`)
  }
}
