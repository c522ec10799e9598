export { createHealthChecks, DEFAULT_CHECK_TIMEOUT_MS, QUEUE_COUNT_TYPES } from './checks.js'
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
export { fastifyHealthRoutes } from './fastify.js'
export { DEFAULT_SENTRY_DESTINATION, type SentryCheck, type SentryDeliveryProbe } from './sentry-check.js'
