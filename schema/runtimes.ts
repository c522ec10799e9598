/**
 * Where a catalog event is emitted from. `server` is the Node logger
 * (`log.emit.*`, the default), `browser` the generated `events.browser.ts`
 * (`track.*`), `python` the generated `events.py`. A catalog's `targets:`
 * names the extra modules `linecast generate` writes.
 */
import type { CompiledEvent } from './compiled.js'

export const RUNTIMES = ['server', 'browser', 'python'] as const
export type Runtime = (typeof RUNTIMES)[number]

/** The runtimes with a generated module of their own. */
export const TARGETS = ['browser', 'python'] as const
export type Target = (typeof TARGETS)[number]

/** What an event declares when the catalog says nothing. */
export const DEFAULT_RUNTIMES: readonly Runtime[] = ['server']

/** The value a line's `runtime` field has for each runtime; a Node line carries none. */
export const LINE_RUNTIME: Readonly<Record<Runtime, string | undefined>> = {
  server: undefined,
  browser: 'browser',
  python: 'python',
}

export function eventRuntimes(event: Pick<CompiledEvent, 'runtimes'>): readonly Runtime[] {
  return event.runtimes ?? DEFAULT_RUNTIMES
}

/** The runtime that wrote a line, from its `runtime` field (absent: the Node logger). */
export function lineRuntime(value: unknown): Runtime | 'unknown' {
  if (value === undefined) return 'server'
  if (value === 'browser' || value === 'python' || value === 'server') return value
  return 'unknown'
}

/** How an event is called from each runtime it declares: `log.emit.logoGenerated(…)`, `track.logoGenerated(…)`, `events.logo_generated(…)`. */
export function helperCall(event: Pick<CompiledEvent, 'name' | 'helper'>, runtime: Runtime): string {
  switch (runtime) {
    case 'server':
      return `log.emit.${event.helper}(…)`
    case 'browser':
      return `track.${event.helper}(…)`
    case 'python':
      return `events.${event.name}(…)`
  }
}
