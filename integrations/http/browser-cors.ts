/** CORS for the browser collector: which pages on other origins may post events. */
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface CorsOptions {
  /** allowed origins: a list, `*`, or a test */
  origin: '*' | readonly string[] | ((origin: string) => boolean)
  /** allow cookies (the page posts with `credentials: 'include'`); not with `*` */
  credentials?: boolean
  /** how long a browser may cache the preflight, seconds; default 600 */
  maxAgeSeconds?: number
}

function allowed(cors: CorsOptions, origin: string): boolean {
  if (cors.origin === '*') return true
  if (typeof cors.origin === 'function') return cors.origin(origin)
  return cors.origin.includes(origin)
}

/** Sets the CORS headers; false when a cross-origin request comes from an origin not allowed. */
export function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsOptions | undefined): boolean {
  const origin = req.headers.origin
  if (origin === undefined || cors === undefined) return origin === undefined || sameOrigin(req, origin)
  if (!allowed(cors, origin)) return false
  res.setHeader('access-control-allow-origin', cors.origin === '*' && cors.credentials !== true ? '*' : origin)
  res.setHeader('vary', 'Origin')
  res.setHeader('access-control-allow-methods', 'POST, OPTIONS')
  res.setHeader('access-control-allow-headers', 'content-type, x-request-id')
  res.setHeader('access-control-max-age', String(cors.maxAgeSeconds ?? 600))
  if (cors.credentials === true) res.setHeader('access-control-allow-credentials', 'true')
  return true
}

function sameOrigin(req: IncomingMessage, origin: string): boolean {
  const host = req.headers.host
  if (host === undefined) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
