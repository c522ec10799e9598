/** The neutral core: what every area (schema, emitters, router, transports, cli) shares. */
export { LinecastError } from './errors.js'
export { LEVELS, LEVEL_VALUES, type Level } from './level.js'
export type { LogLine, SerializedError } from './line.js'
