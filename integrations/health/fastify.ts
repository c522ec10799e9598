/**
 * Fastify:
 *
 *   fastifyHealthRoutes(app, createHealthChecks({ version, redis, postgres }))
 */
import type { FastifyInstance } from 'fastify'
import type { HealthChecks } from './checks.js'
import { resolvePaths, type HealthPaths } from './http.js'

export function fastifyHealthRoutes(app: FastifyInstance, checks: HealthChecks, paths: HealthPaths = {}): void {
  const { healthPath, readyPath } = resolvePaths(paths)
  app.get(healthPath, async (_request, reply) => reply.header('cache-control', 'no-store').send(checks.health()))
  app.get(readyPath, async (_request, reply) => {
    const answer = await checks.ready()
    return reply.code(answer.statusCode).header('cache-control', 'no-store').send(answer.body)
  })
}
