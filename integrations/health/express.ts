/**
 * Express (or any connect-style stack):
 *
 *   app.use(expressHealthRoutes(createHealthChecks({ version, redis, postgres })))
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HealthChecks } from './checks.js'
import { serveHealth, type HealthPaths } from './http.js'

export function expressHealthRoutes(
  checks: HealthChecks,
  paths: HealthPaths = {},
): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  return function linecastHealth(req, res, next) {
    serveHealth(checks, req, res, paths).then(
      (served) => {
        if (!served) next()
      },
      (err: unknown) => next(err),
    )
  }
}
