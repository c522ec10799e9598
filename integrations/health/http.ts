/**
 * Serving the checks over plain `node:http` request and response objects,
 * which express (and any connect-style stack) hands its middleware.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HealthChecks } from './checks.js'

export interface HealthPaths {
  /** default '/health' */
  healthPath?: string
  /** default '/ready' */
  readyPath?: string
}

export function resolvePaths(paths: HealthPaths = {}): Required<HealthPaths> {
  return { healthPath: paths.healthPath ?? '/health', readyPath: paths.readyPath ?? '/ready' }
}

/** Answers GET/HEAD on the health and ready paths; returns false for any other request. */
export async function serveHealth(checks: HealthChecks, req: IncomingMessage, res: ServerResponse, paths: HealthPaths = {}): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const { healthPath, readyPath } = resolvePaths(paths)
  const path = (req.url ?? '/').split('?')[0]
  if (path === healthPath) {
    sendJson(res, 200, checks.health())
    return true
  }
  if (path === readyPath) {
    const answer = await checks.ready()
    sendJson(res, answer.statusCode, answer.body)
    return true
  }
  return false
}

function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(statusCode, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(res.req?.method === 'HEAD' ? undefined : text)
}
