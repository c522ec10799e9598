/**
 * `linecast generate`: the compiled catalog becomes the files under the
 * output directory. Pure apart from the JSON Schema step's temporary
 * directory; the output depends only on the catalog and the options, so a
 * rerun is byte-identical.
 */
import { basename } from 'node:path'
import type { CompiledCatalog } from '../compiled.js'
import { compiledJsonText, renderCatalogJson } from './catalog-json.js'
import { GenerateNameCollisionError } from './errors.js'
import { renderEventsMd } from './events-md.js'
import { renderEventsTs } from './events-ts.js'
import { renderFlagsTs } from './flags-ts.js'
import { renderJsonSchema } from './json-schema.js'
import { pascalName, schemaName } from './names.js'
import { targetFiles } from './targets.js'
import type { Target } from '../runtimes.js'

export interface GeneratedFile {
  /** relative to the output directory, `/`-separated */
  path: string
  contents: string
}

export interface GenerateOptions {
  /** the catalog's path or name; only its base name appears in the files */
  catalogFile: string
  /** module `events.ts` imports `defineCatalog` and `CompiledCatalog` from; default `linecast` */
  runtimeImport?: string
  /** modules to write besides the catalog's own `targets:` (`--target browser|python`) */
  targets?: readonly Target[]
  /** module `events.browser.ts` imports the tracker from; default `linecast/browser` */
  browserImport?: string
}

/** The names of the files `generateFiles` writes, in the order it returns them. */
export const GENERATED_PATHS = ['events.ts', 'catalog.json', 'events.schema.json', 'EVENTS.md'] as const

const TAKEN = new Set(['LinecastEvents', 'CompiledCatalog', 'compiled', 'catalog', 'flagNames', 'z', 'defineCatalog', 'strictObject', 'withoutPrototype'])

/** Throws when two events (or an event and a fixed export) would share a generated identifier. */
export function assertDistinctNames(compiled: CompiledCatalog): void {
  const owners = new Map<string, string>()
  for (const name of Object.keys(compiled.events).sort()) {
    for (const identifier of [pascalName(name), schemaName(name)]) {
      const owner = owners.get(identifier)
      if (owner !== undefined) throw new GenerateNameCollisionError(identifier, [owner, name])
      if (TAKEN.has(identifier)) throw new GenerateNameCollisionError(identifier, [name, `linecast's own ${identifier}`])
      owners.set(identifier, name)
    }
  }
}

export function generateFiles(compiled: CompiledCatalog, options: GenerateOptions): GeneratedFile[] {
  assertDistinctNames(compiled)
  const catalogFile = basename(options.catalogFile)
  const compiledJson = compiledJsonText(compiled)
  const eventsTs = renderEventsTs(compiled, {
    catalogFile,
    compiledJson,
    ...(options.runtimeImport !== undefined ? { runtimeImport: options.runtimeImport } : {}),
  })
  return [
    { path: 'events.ts', contents: eventsTs + renderFlagsTs(compiled) },
    { path: 'catalog.json', contents: renderCatalogJson(compiled, compiledJson) },
    { path: 'events.schema.json', contents: renderJsonSchema(compiled, { catalogFile }) },
    { path: 'EVENTS.md', contents: renderEventsMd(compiled, { catalogFile }) },
    ...targetFiles(compiled, { catalogFile, targets: options.targets ?? [], browserImport: options.browserImport }),
  ]
}

export { GenerateNameCollisionError } from './errors.js'
export { eventDestinations, type EventDestination } from './destinations.js'
export { exampleLine } from './example-line.js'
export { pascalName, schemaName } from './names.js'
