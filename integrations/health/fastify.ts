/**
 * Fastify:
 *
 *   fastifyHealthRoutes(app, createHealthChecks({ version, redis, postgres }))
 */
import type { HealthChecks } from './checks.js'
import { resolvePaths, type HealthPaths } from './http.js'

/** A fastify reply as the health routes answer with it (a `FastifyReply` fits). */
interface HealthReply {
  code(statusCode: number): HealthReply
  header(key: string, value: string): HealthReply
  send(payload?: unknown): unknown
}

/** What the health routes use of a fastify instance (a `FastifyInstance` fits). */
export interface FastifyRoutesLike {
  get(path: string, handler: (request: unknown, reply: HealthReply) => Promise<unknown>): unknown
}

export function fastifyHealthRoutes(app: FastifyRoutesLike, checks: HealthChecks, paths: HealthPaths = {}): void {
  const { healthPath, readyPath } = resolvePaths(paths)
  app.get(healthPath, async (_request, reply) => reply.header('cache-control', 'no-store').send(checks.health()))
  app.get(readyPath, async (_request, reply) => {
    const answer = await checks.ready()
    return reply.code(answer.statusCode).header('cache-control', 'no-store').send(answer.body)
  })
}
