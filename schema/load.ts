/**
 * Loading a catalog: parse the YAML, read and check its shape, merge the
 * built-in part, check cross-references, lint, compile. Every problem is
 * collected with its file:line:column; nothing stops at the first.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CatalogInvalidError, CatalogNotFoundError } from './catalog-errors.js'
import type { CompiledCatalog } from './compiled.js'
import { compileCatalog } from './compile.js'
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js'
import { lintCatalog } from './lint.js'
import { mergeBuiltin } from './merge.js'
import type { CatalogModel, CatalogPart } from './model.js'
import { readCatalog } from './read/catalog.js'
import { checkReferences } from './references.js'
import { Reporter } from './report.js'
import { parseSource } from './source.js'

export { CatalogInvalidError, CatalogNotFoundError } from './catalog-errors.js'
export { formatDiagnostic, type Diagnostic } from './diagnostics.js'

export interface LoadResult {
  compiled: CompiledCatalog
  /** errors first, then warnings, each by file, line and column */
  diagnostics: Diagnostic[]
  file: string
}

export interface LoadOptions {
  /** merge schema/builtin.catalog.yaml under the catalog; default true */
  builtin?: boolean
  /** throw `CatalogInvalidError` when any diagnostic is an error; default true for `loadCatalog`, false for `loadCatalogText` */
  throwOnError?: boolean
}

/**
 * Where the built-in catalog part lives: beside this module in the source
 * tree, or in `schema/` next to `dist/` in a build.
 */
export function builtinCatalogFile(): string {
  const candidates = [new URL('./builtin.catalog.yaml', import.meta.url), new URL('../../schema/builtin.catalog.yaml', import.meta.url)]
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate)
    if (existsSync(path)) return path
  }
  return fileURLToPath(candidates[0] as URL)
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new CatalogNotFoundError(file, error)
  }
}

function readPart(text: string, file: string, part: CatalogPart, report: Reporter): CatalogModel {
  const { source, diagnostics } = parseSource(text, file)
  report.diagnostics.push(...diagnostics)
  return readCatalog({ source, report }, part)
}

/**
 * After a YAML syntax error (a bad indentation, an unclosed bracket) the rest
 * of the file reads as something else, and every check downstream reports the
 * consequences. Such a file reports its first syntax error alone, saying how
 * many follow-on problems were left out; other files keep their diagnostics.
 */
export function firstSyntaxErrorOnly(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = sortDiagnostics(diagnostics)
  const first = new Map<string, Diagnostic>()
  for (const d of sorted) if (d.code === 'LC_YAML_SYNTAX' && !first.has(d.file)) first.set(d.file, d)
  if (first.size === 0) return sorted
  const kept: Diagnostic[] = []
  for (const d of sorted) {
    const syntax = first.get(d.file)
    if (syntax === undefined) kept.push(d)
    else if (d === syntax) {
      const more = sorted.filter((other) => other.file === d.file && other !== d).length
      const note = more > 0 ? `; fix this first (${more} other problem${more === 1 ? '' : 's'} that may follow from it ${more === 1 ? 'is' : 'are'} not shown)` : ''
      kept.push({ ...d, message: `${d.message}${note}` })
    }
  }
  return kept
}

/** Parses and checks catalog text; returns the compiled catalog and every diagnostic. */
export function loadCatalogText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const report = new Reporter()
  let model = readPart(text, file, 'user', report)
  if (options.builtin !== false) {
    const builtinFile = builtinCatalogFile()
    const builtin = readPart(readText(builtinFile), builtinFile, 'builtin', report)
    model = mergeBuiltin(builtin, model)
  }
  checkReferences(model, report)
  lintCatalog(model, report)
  const result: LoadResult = { compiled: compileCatalog(model), diagnostics: firstSyntaxErrorOnly(report.diagnostics), file }
  if (options.throwOnError === true && hasErrors(result.diagnostics)) throw new CatalogInvalidError(file, result.diagnostics)
  return result
}

/** Reads a catalog file. Throws `CatalogInvalidError` when any diagnostic is an error (unless `throwOnError: false`). */
export function loadCatalog(file: string, options: LoadOptions = {}): LoadResult {
  return loadCatalogText(readText(file), file, { ...options, throwOnError: options.throwOnError ?? true })
}
