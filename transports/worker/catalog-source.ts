/** Where the worker gets its compiled catalog: passed in, a compiled JSON file, or a catalog YAML file. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { LinecastError } from '../../core/errors.js'
import type { WorkerOptions } from '../options.js'

export class TransportCatalogError extends LinecastError {
  constructor(message: string, cause?: unknown) {
    super('LINECAST_TRANSPORT_CATALOG', message, { cause })
  }
}

export async function resolveCatalog(options: Pick<WorkerOptions, 'catalog' | 'catalogPath'>): Promise<CompiledCatalog> {
  if (options.catalog !== undefined) return options.catalog
  if (options.catalogPath === undefined) {
    throw new TransportCatalogError('the transport needs a catalog: pass `catalog` (the compiled catalog) or `catalogPath` (generated/catalog.json or events.catalog.yaml)')
  }
  const path = resolve(options.catalogPath)
  if (/\.ya?ml$/i.test(path)) {
    const { loadCatalog } = await import('../../schema/load.js')
    return loadCatalog(path).compiled
  }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new TransportCatalogError(`cannot read the catalog ${path}; run \`linecast generate\` or fix catalogPath`, error)
  }
  try {
    const value = JSON.parse(text) as CompiledCatalog
    if (value.catalog !== 1 || typeof value.destinations !== 'object') throw new Error('not a compiled catalog')
    return value
  } catch (error) {
    throw new TransportCatalogError(`${path} is not a compiled catalog (generated/catalog.json); run \`linecast generate\``, error)
  }
}
