/**
 * The compatibility diff: two catalog texts in, every change out, classified,
 * placed at file:line:column, and judged by the version rule.
 */
import type { CompiledCatalog } from '../compiled.js'
import type { Diagnostic } from '../diagnostics.js'
import { loadCatalogText } from '../load.js'
import { parseSource } from '../source.js'
import { classifyChanges } from './classify-changes.js'
import { gateChanges } from './gate.js'
import { locateChanges } from './locate.js'
import type { GatedChange } from './types.js'

export { classifyChanges } from './classify-changes.js'
export { gateChanges, rejectedChanges } from './gate.js'
export { locateChange, locateChanges, type ChangeSources } from './locate.js'
export {
  CHANGE_CODES,
  type CatalogChange,
  type ChangeCode,
  type ChangeImpact,
  type GatedChange,
  type LocatedChange,
  type SourceLocation,
} from './types.js'

export interface CatalogText {
  /** the catalog's text; `undefined` when the file does not exist on that side (every event is then new) */
  text: string | undefined
  /** how locations name the file: `events.catalog.yaml`, `main:events.catalog.yaml` */
  file: string
}

export interface CatalogDiff {
  base: CompiledCatalog
  current: CompiledCatalog
  /** error diagnostics of the base catalog: the comparison used what could be read */
  baseErrors: Diagnostic[]
  /** error diagnostics of the current catalog */
  currentErrors: Diagnostic[]
  changes: GatedChange[]
}

export interface DiffOptions {
  /** merge the built-in catalog part on both sides; default true */
  builtin?: boolean
}

export function diffCatalogTexts(base: CatalogText, current: CatalogText, options: DiffOptions = {}): CatalogDiff {
  const load = { builtin: options.builtin !== false, throwOnError: false }
  const baseText = base.text ?? 'catalog: 1\n'
  const currentText = current.text ?? 'catalog: 1\n'
  const before = loadCatalogText(baseText, base.file, load)
  const after = loadCatalogText(currentText, current.file, load)
  const sources = { base: parseSource(baseText, base.file).source, current: parseSource(currentText, current.file).source }
  const located = locateChanges(classifyChanges(before.compiled, after.compiled), sources)
  const errors = (d: Diagnostic[]): Diagnostic[] => d.filter((x) => x.severity === 'error')
  return {
    base: before.compiled,
    current: after.compiled,
    baseErrors: base.text === undefined ? [] : errors(before.diagnostics),
    currentErrors: errors(after.diagnostics),
    changes: gateChanges(located, before.compiled, after.compiled),
  }
}
