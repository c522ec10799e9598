export { createLogger, buildPino, asPinoLogger } from './logger.js'
export { withContext, getContext, type LogContext } from './context.js'
export {
  EventValidationError,
  UnknownEventError,
  PiiKeyMissingError,
  LoggerOptionsError,
  EmitOptionsError,
  type InvalidIssue,
} from './errors.js'
export { INVALID_EVENT } from './invalid.js'
export { createRedactor, defaultRedactor, maskString, REDACTED, type Redactor } from '../core/redact.js'
export { createHasher, type Hasher } from './pii.js'
export { createPrettyStream } from './pretty.js'
export type { CreateLoggerOptions, Emit, EmitHelpers, EmitOptions, LinecastLogger, OnInvalid } from './types.js'
