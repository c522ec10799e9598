/** Changes get file:line:column from the YAML documents they came from. */
import type { Source } from '../source.js'
import type { CatalogChange, LocatedChange, SourceLocation } from './types.js'

export interface ChangeSources {
  /** the base catalog; its `file` is what removals show, e.g. `main:events.catalog.yaml` */
  base: Source
  current: Source
}

function at(source: Source, change: CatalogChange): SourceLocation {
  const { line, column } = source.position(change.path, 'key')
  return { file: source.file, line, column }
}

export function locateChange(change: CatalogChange, sources: ChangeSources): LocatedChange {
  const currentLocation = at(sources.current, change)
  const location = change.side === 'base' ? at(sources.base, change) : currentLocation
  return { ...change, location, currentLocation }
}

export function locateChanges(changes: readonly CatalogChange[], sources: ChangeSources): LocatedChange[] {
  return changes.map((change) => locateChange(change, sources))
}
