/**
 * linecast: one typed line of code per event.
 * The package's public API; each area exports its own part.
 */
export * from './schema/compiled.js'
export { defineCatalog, helperName, type Catalog, type CamelCase } from './schema/define.js'
export { LinecastError } from './schema/errors.js'
