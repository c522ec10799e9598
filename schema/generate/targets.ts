/**
 * The generated modules for other runtimes: `events.browser.ts` and
 * `events.py`, written when the catalog's `targets:` or `--target` asks.
 */
import type { CompiledCatalog } from '../compiled.js'
import { TARGETS, type Target } from '../runtimes.js'
import { renderBrowserTs } from './browser-ts.js'
import { renderPython } from './python.js'

export const TARGET_PATHS: Readonly<Record<Target, string>> = { browser: 'events.browser.ts', python: 'events.py' }

export interface TargetOptions {
  catalogFile: string
  targets: readonly Target[]
  browserImport?: string | undefined
}

/** The targets to write: the catalog's and the command line's, in a fixed order. */
export function wantedTargets(compiled: CompiledCatalog, extra: readonly Target[]): Target[] {
  const wanted = new Set([...(compiled.targets ?? []), ...extra])
  return TARGETS.filter((t) => wanted.has(t))
}

export function targetFiles(compiled: CompiledCatalog, options: TargetOptions): { path: string; contents: string }[] {
  return wantedTargets(compiled, options.targets).map((target) => ({
    path: TARGET_PATHS[target],
    contents:
      target === 'browser'
        ? renderBrowserTs(compiled, { catalogFile: options.catalogFile, ...(options.browserImport !== undefined ? { browserImport: options.browserImport } : {}) })
        : renderPython(compiled, { catalogFile: options.catalogFile }),
  }))
}
