/** `catalog.json`: the compiled catalog as pretty, key-sorted JSON. The transports load it. */
import type { CompiledCatalog } from '../compiled.js'
import { canonicalCatalog } from './canonical.js'

/** The compiled catalog as pretty, key-sorted JSON text (no final newline): catalog.json's body, and the data events.ts parses. */
export function compiledJsonText(compiled: CompiledCatalog): string {
  return JSON.stringify(canonicalCatalog(compiled), null, 2)
}

/** `compiledJson`: the text of `compiledJsonText`, when the caller already has it. */
export function renderCatalogJson(compiled: CompiledCatalog, compiledJson = compiledJsonText(compiled)): string {
  return `${compiledJson}\n`
}
