/**
 * Loading the catalog for a command: diagnostics printed with file:line:col,
 * warnings shown but not fatal, a missing or invalid catalog reported once.
 */
import { resolve } from 'node:path'
import type { CompiledCatalog } from '../schema/compiled.js'
import { CatalogInvalidError, CatalogNotFoundError } from '../schema/catalog-errors.js'
import type { Diagnostic } from '../schema/diagnostics.js'
import { loadCatalog } from '../schema/load.js'
import { printDiagnostic, type DiagnosticStyle } from './annotations.js'
import type { Output } from './output.js'

export const DEFAULT_CATALOG = 'events.catalog.yaml'
export const DEFAULT_OUT = 'generated'

/**
 * The catalog, or `undefined` after the reason was printed (the command then exits 1).
 * `style: 'github'` prints the diagnostics as workflow annotations.
 */
export function loadForCommand(out: Output, cwd: string, file: string, style: DiagnosticStyle = 'text'): CompiledCatalog | undefined {
  let printed: Diagnostic[] = []
  try {
    const result = loadCatalog(resolve(cwd, file))
    printed = result.diagnostics
    for (const d of result.diagnostics) printDiagnostic(out, d, style, cwd)
    return result.compiled
  } catch (error) {
    if (error instanceof CatalogInvalidError) {
      for (const d of error.diagnostics) if (!printed.includes(d)) printDiagnostic(out, d, style, cwd)
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length
      out.error(`${file} is invalid (${errors} error${errors === 1 ? '' : 's'}); fix the catalog and run again`)
      return undefined
    }
    if (error instanceof CatalogNotFoundError) {
      out.error(`catalog not found: ${file}; create it or pass --catalog FILE`)
      return undefined
    }
    throw error
  }
}
