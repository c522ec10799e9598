/**
 * A local HTTP server that stands in for a vendor's ingestion endpoint: it
 * records every request (body gunzipped when the request was gzipped) and
 * answers as the test scripts it, so real clients can be driven against it.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'

export interface ReceivedRequest {
  method: string
  /** path and query */
  url: string
  headers: IncomingHttpHeaders
  /** body as received, gunzipped when content-encoding was gzip */
  body: Buffer
  text: string
  /** JSON.parse(text) when it parses, else undefined */
  json: unknown
}

/** How the receiver answers one request. `hang: true` never answers. */
export interface ScriptedReply {
  status?: number
  headers?: Record<string, string>
  /** a string or Buffer as it is; any other value as JSON */
  body?: string | Buffer | object
  hang?: boolean
}

export interface HttpReceiver {
  url: string
  port: number
  requests: ReceivedRequest[]
  /** queue replies answered in order; once empty, `fallback` answers */
  reply(...replies: ScriptedReply[]): void
  /** the answer when the queue is empty (default 200 `{}`) */
  fallback: ScriptedReply | ((req: ReceivedRequest) => ScriptedReply)
  /** resolves once `predicate` holds over the requests; rejects after `timeoutMs` */
  waitFor(predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = []
  const queue: ScriptedReply[] = []
  const hanging = new Set<ServerResponse>()
  const waiters = new Set<() => void>()
  const receiver: HttpReceiver = {
    url: '',
    port: 0,
    requests,
    reply: (...replies) => void queue.push(...replies),
    fallback: { status: 200, body: {} },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate(requests)) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve()
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`receiver: condition not met within ${timeoutMs} ms (${requests.length} requests seen)`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body = Buffer.concat(chunks)
      if (String(req.headers['content-encoding'] ?? '').includes('gzip')) body = gunzipSync(body)
      const text = body.toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      const received: ReceivedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, text, json }
      requests.push(received)
      const scripted = queue.shift() ?? (typeof receiver.fallback === 'function' ? receiver.fallback(received) : receiver.fallback)
      if (scripted.hang) {
        hanging.add(res)
      } else {
        const payload = typeof scripted.body === 'string' || Buffer.isBuffer(scripted.body) ? scripted.body : JSON.stringify(scripted.body ?? {})
        res.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers })
        res.end(payload)
      }
      for (const check of [...waiters]) check()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.port = (server.address() as AddressInfo).port
  receiver.url = `http://127.0.0.1:${receiver.port}`
  return receiver
}
