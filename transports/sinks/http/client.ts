/**
 * One destination's HTTP endpoint: a keep-alive agent of its own (sockets are
 * reused from one batch to the next, up to `maxSockets` at once) and a POST of
 * a ready-made body, gzipped when asked. Resolves with the answer whatever its
 * status; rejects only when no answer came (network failure, abort).
 * `send` adds the classification into the delivery layer's Outcome.
 */
import http from 'node:http'
import https from 'node:https'
import { promisify } from 'node:util'
import { constants as zlibConstants, gzip as gzipCallback } from 'node:zlib'
import type { Outcome } from '../../worker/delivery/types.js'
import { classifyHttpResponse, classifyNetworkError } from './classify.js'

const gzip = promisify(gzipCallback)

/** Lines of JSON compress well already at the fastest level; higher levels cost CPU the worker needs. */
export const GZIP_LEVEL = zlibConstants.Z_BEST_SPEED

export interface PostOptions {
  headers?: Record<string, string>
  /** compress the body and send `Content-Encoding: gzip` */
  gzip?: boolean
  signal?: AbortSignal
  /** default application/json */
  contentType?: string
}

export interface HttpReply {
  status: number
  /** header names in lower case */
  headers: Readonly<Record<string, string | undefined>>
  text: string
  /** the answer's bytes, for a binary (protobuf) answer */
  body: Buffer
}

export interface SentBody {
  outcome: Outcome
  /** absent when no answer came */
  reply?: HttpReply
}

export interface HttpTarget {
  readonly url: string
  post(body: string | Buffer, options?: PostOptions): Promise<HttpReply>
  send(body: string | Buffer, options?: PostOptions): Promise<SentBody>
  /** releases the idle sockets */
  close(): void
}

export interface HttpTargetOptions {
  /** most sockets open at once (one per request in flight) */
  maxSockets?: number
}

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(raw)) out[name] = Array.isArray(value) ? value.join(', ') : value
  return out
}

export function createHttpTarget(url: string, options: HttpTargetOptions = {}): HttpTarget {
  const parsed = new URL(url)
  const secure = parsed.protocol === 'https:'
  const module = secure ? https : http
  const agent = new module.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8, scheduling: 'lifo' })

  const post = async (body: string | Buffer, opts: PostOptions = {}): Promise<HttpReply> => {
    const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json', ...opts.headers }
    let payload: string | Buffer = body
    if (opts.gzip) {
      payload = await gzip(body, { level: GZIP_LEVEL })
      headers['content-encoding'] = 'gzip'
    }
    headers['content-length'] = String(Buffer.byteLength(payload))
    return new Promise<HttpReply>((resolve, reject) => {
      const req = module.request(parsed, { method: 'POST', agent, headers, ...(opts.signal ? { signal: opts.signal } : {}) }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const answer = Buffer.concat(chunks)
          resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), text: answer.toString('utf8'), body: answer })
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(payload)
    })
  }

  return {
    url,
    post,
    async send(body, opts = {}) {
      let reply: HttpReply
      try {
        reply = await post(body, opts)
      } catch (error) {
        return { outcome: classifyNetworkError(error, opts.signal) }
      }
      return { outcome: classifyHttpResponse(reply.status, reply.headers, { body: reply.text }), reply }
    },
    close: () => agent.destroy(),
  }
}
