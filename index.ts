/**
 * linecast: one typed line of code per event.
 *
 * The root export is what a service writes against: the logger, the catalog
 * the generator produces, the correlation context and the errors. Each
 * integration has its own subpath (`linecast/http`, `linecast/jobs`, …).
 */
export { createLogger, asPinoLogger } from './emitters/logger.js'
export { withContext, getContext } from './emitters/typed-context.js'
export type { ContextFields, ContextInput, LogContext } from './emitters/typed-context.js'
export { defineCatalog, type Catalog } from './schema/define.js'
export { LinecastError } from './core/errors.js'
export { PeerDependencyMissingError } from './core/peer.js'
export {
  EventValidationError,
  UnknownEventError,
  PiiKeyMissingError,
  LoggerOptionsError,
  EmitOptionsError,
  type InvalidIssue,
} from './emitters/errors.js'
export { FlushTimeoutError, TransportClosedError, WorkerNotBuiltError } from './transports/main/errors.js'
export type { CreateLoggerOptions, Emit, EmitHelpers, EmitOptions, LinecastLogger, OnInvalid } from './emitters/types.js'
export type { LoggerDeliveryOptions } from './emitters/logger-delivery.js'
export type { DeliveryStats, DestinationStats } from './transports/worker/delivery/stats.js'
export type { CompiledCatalog, Level } from './schema/compiled.js'
export type { BuiltinEvents } from './schema/builtin-events.js'
