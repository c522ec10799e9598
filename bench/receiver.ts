/**
 * A local stand-in for a vendor endpoint in the transport bench: answers
 * every request 200 `{}` (after `delayMs` when slow) and counts requests,
 * body bytes and, when asked, the events in each body (gunzipped, JSON: an
 * array, a PostHog `{ batch }`, or one event).
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'

function eventsIn(body: Buffer, gzipped: boolean): number {
  try {
    const value = JSON.parse((gzipped ? gunzipSync(body) : body).toString('utf8')) as unknown
    if (Array.isArray(value)) return value.length
    const batch = (value as { batch?: unknown }).batch
    return Array.isArray(batch) ? batch.length : 1
  } catch {
    return 0
  }
}

export interface BenchReceiver {
  url: string
  port: number
  readonly requests: number
  readonly bytes: number
  /** events received (counted only when started with `countEvents`) */
  readonly events: number
  /** resolves once `events` reaches `n` */
  waitForEvents(n: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startBenchReceiver(delayMs = 0, countEvents = false): Promise<BenchReceiver> {
  let requests = 0
  let bytes = 0
  let events = 0
  const eventWaiters = new Set<() => void>()
  const waiting = new Set<NodeJS.Timeout>()
  const answer = (res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{}')
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      bytes += c.length
      if (countEvents) chunks.push(c)
    })
    req.on('end', () => {
      requests++
      if (countEvents) {
        events += eventsIn(Buffer.concat(chunks), String(req.headers['content-encoding'] ?? '').includes('gzip'))
        for (const check of [...eventWaiters]) check()
      }
      if (delayMs <= 0) return answer(res)
      const timer = setTimeout(() => {
        waiting.delete(timer)
        answer(res)
      }, delayMs)
      waiting.add(timer)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests
    },
    get bytes() {
      return bytes
    },
    get events() {
      return events
    },
    waitForEvents: (n, timeoutMs = 600_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (events < n) return
          clearTimeout(timer)
          eventWaiters.delete(check)
          resolve()
        }
        const timer = setTimeout(() => {
          eventWaiters.delete(check)
          reject(new Error(`the receiver got ${events} of ${n} events in time`))
        }, timeoutMs)
        eventWaiters.add(check)
        check()
      }),
    close: async () => {
      for (const timer of waiting) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A local URL where nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
