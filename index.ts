/**
 * linecast: one typed line of code per event.
 * The package's public API; each area exports its own part.
 */
export * from './schema/compiled.js'
export { defineCatalog, helperName, type Catalog, type CamelCase } from './schema/define.js'
export { LinecastError } from './schema/errors.js'
export * from './schema/index.js'
export * from './emitters/index.js'
export * from './emitters/cost-queries.js'
export { migrate, migrateDatabase, type MigrateOptions, type MigrateResult, type MigrateTarget } from './transports/audit-log/index.js'
export * from './emitters/http/index.js'
export * from './emitters/health/index.js'
export * from './emitters/queue-board.js'
export * from './router/index.js'
export { openTransport, workerPath, type LinecastTransport, type TransportOptions } from './transports/index.js'
export type { DeliveryStats, DestinationStats } from './transports/delivery/stats.js'
export { openDelivery, type Delivery, type DeliveryOptions } from './emitters/delivery.js'
export type { LoggerDeliveryOptions } from './emitters/logger-delivery.js'
export type { LogLine, Outcome, Sink, SinkContext, SerializedError } from './transports/delivery/types.js'
export * from './emitters/jobs/index.js'
export * from './emitters/monitors/index.js'
export * from './emitters/reports/index.js'
