export { createFlags, FLAG_FALLBACK_EVENT, type CreateFlagsOptions } from './create-flags.js'
export { resolveFlag, type Resolution } from './resolve.js'
export { FlagsOptionsError } from './errors.js'
export type { FlagCallOptions, FlagClientMethods, FlagHelpers, FlagLogger, Flags, FlagValue } from './types.js'
