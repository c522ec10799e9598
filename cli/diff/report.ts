/** Printing a comparison for `linecast diff`, and the compatibility gate of `linecast check --base`. */
import { rejectedChanges } from '../../schema/diff/index.js'
import { printDiagnostic } from '../annotations.js'
import { UsageError } from '../errors.js'
import type { Output } from '../output.js'
import { compareWithBase, type BaseComparison } from './compare.js'
import { changeLine, isDiffFormat, renderGithub, renderJson, renderText, summaryText, type DiffFormat } from './format.js'

export function parseFormat(value: string, allowed: readonly DiffFormat[], command: string): DiffFormat {
  if (isDiffFormat(value) && allowed.includes(value)) return value
  throw new UsageError(`--format must be one of ${allowed.join(', ')}, got '${value}'`, command)
}

/**
 * Problems reading either side; returns false when the current catalog is
 * invalid (nothing to compare). In the github format its errors are annotations.
 */
export function reportInputs(out: Output, comparison: BaseComparison, format: DiffFormat = 'text', cwd = '.'): boolean {
  if (comparison.baseMissing) out.warn(`${comparison.repoPath} does not exist at ${comparison.ref}: every event counts as new`)
  const baseErrors = comparison.baseErrors.length
  if (baseErrors > 0)
    out.warn(`the catalog at ${comparison.ref} has ${baseErrors} error${baseErrors === 1 ? '' : 's'}; compared what could be read`)
  for (const d of comparison.currentErrors) printDiagnostic(out, d, format === 'github' ? 'github' : 'text', cwd)
  if (comparison.currentErrors.length === 0) return true
  out.error(`${comparison.repoPath} is invalid; fix the catalog and run again`)
  return false
}

export function printComparison(out: Output, comparison: BaseComparison, format: DiffFormat): void {
  if (format === 'json') out.line(renderJson(comparison))
  else if (format === 'github') for (const line of renderGithub(comparison)) out.line(line)
  else for (const line of renderText(comparison)) out.line(line)
}

export interface BaseCheckOptions {
  cwd: string
  catalog: string
  base: string
  format: DiffFormat
}

/**
 * `check --base`: every change is shown; the check passes unless a breaking
 * change is not accepted by a version bump. Returns true when it passes.
 */
export async function checkAgainstBase(out: Output, options: BaseCheckOptions): Promise<boolean> {
  const comparison = await compareWithBase(options.cwd, options.catalog, options.base)
  if (!reportInputs(out, comparison, options.format, options.cwd)) return false
  const rejected = rejectedChanges(comparison.changes)
  if (options.format === 'github') for (const line of renderGithub(comparison)) out.line(line)
  else
    for (const change of comparison.changes) {
      if (rejected.includes(change)) out.note(changeLine(change))
      else out.line(changeLine(change))
    }
  if (rejected.length === 0) {
    out.line(`compatible with ${options.base}: ${summaryText(comparison)}`)
    return true
  }
  out.error(
    `${rejected.length} breaking change${rejected.length === 1 ? '' : 's'} since ${options.base} without a version bump; ` +
      'bump the `version` of each event named above, or make the change compatible',
  )
  return false
}
