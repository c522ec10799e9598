/**
 * A local stand-in for a vendor endpoint in the transport bench: answers
 * every request 200 `{}` (after `delayMs` when slow) and counts requests and
 * body bytes. Bodies are not decoded: the bench reads the sink's counters.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BenchReceiver {
  url: string
  port: number
  readonly requests: number
  readonly bytes: number
  close(): Promise<void>
}

export async function startBenchReceiver(delayMs = 0): Promise<BenchReceiver> {
  let requests = 0
  let bytes = 0
  const waiting = new Set<NodeJS.Timeout>()
  const answer = (res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{}')
  }
  const server: Server = createServer((req, res) => {
    req.on('data', (c: Buffer) => (bytes += c.length))
    req.on('end', () => {
      requests++
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
