/** `linecast/health`: `/health` and `/ready` for express, fastify and node:http. */
export { createHealthChecks } from './checks.js'
export type {
  CountableQueue,
  HealthBody,
  HealthCheckOptions,
  HealthChecks,
  QueueCounts,
  ReadyAnswer,
  ReadyBody,
  RedisPinger,
  SqlQuerier,
} from './checks.js'
export type { CheckResult } from './probe.js'
export { serveHealth, type HealthPaths } from './http.js'
export { expressHealthRoutes } from './express.js'
export { fastifyHealthRoutes, type FastifyRoutesLike } from './fastify.js'
export type { SentryCheck, SentryDeliveryProbe } from './sentry-check.js'
