/** `catalog.json`: the compiled catalog as pretty, key-sorted JSON. The transports load it. */
import type { CompiledCatalog } from '../compiled.js'
import { canonicalCatalog } from './canonical.js'

export function renderCatalogJson(compiled: CompiledCatalog): string {
  return `${JSON.stringify(canonicalCatalog(compiled), null, 2)}\n`
}
