/** `linecast/flags`: one typed method per catalog flag, backed by PostHog, with the catalog's default as fallback. */
export { createFlags, type CreateFlagsOptions, type PostHogFlagsClient } from './create-flags.js'
export { FlagsOptionsError } from './errors.js'
export type { FlagCallOptions, FlagClientMethods, FlagHelpers, FlagLogger, Flags, FlagValue } from './types.js'
