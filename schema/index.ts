/** The catalog language: load, check, lint and compile `events.catalog.yaml`. */
export {
  builtinCatalogFile,
  CatalogInvalidError,
  CatalogNotFoundError,
  formatDiagnostic,
  loadCatalog,
  loadCatalogText,
  type Diagnostic,
  type LoadOptions,
  type LoadResult,
} from './load.js'
export { hasErrors, pathText, sortDiagnostics } from './diagnostics.js'
export { expandEnv, expandSettings, missingVariables, parseTemplate, type TemplateReference } from './env.js'
export { InvalidDurationError, parseDuration } from './duration.js'
export { compileCatalog, DEFAULT_THRESHOLDS } from './compile.js'
export { LINT_RULES, type LintRule } from './lint.js'
export { DIAGNOSTIC_CODES } from './diagnostic-codes.js'
export { reachedDestinations, type Reachable, type RoutingTable } from '../core/reach.js'
export { piiPaths } from './pii.js'
export { helperName, defineCatalog, type Catalog, type CamelCase } from './define.js'
export * from './compiled.js'
export { LinecastError } from '../core/errors.js'
