/**
 * Each event's JSON Schema for its page: taken from the generated
 * `events.schema.json` when the `catalog.json` beside it matches the catalog
 * (so the schema was generated from it), computed otherwise.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { renderCatalogJson } from '../../schema/generate/catalog-json.js'
import { renderJsonSchema } from '../../schema/generate/json-schema.js'
import { pascalName } from '../../schema/generate/names.js'

export interface EventSchemas {
  /** event name -> its definition */
  byEvent: Record<string, unknown>
  /** where they came from */
  origin: 'generated' | 'computed'
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

function definitions(schemaText: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(schemaText) as { definitions?: unknown }
    const defs = parsed.definitions
    return defs !== null && typeof defs === 'object' ? (defs as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function pick(compiled: CompiledCatalog, defs: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(compiled.events).sort()) {
    const definition = defs[pascalName(name)]
    if (definition === undefined) return undefined
    out[name] = definition
  }
  return out
}

/** `generatedDir` is where `linecast generate` wrote its files (`generated/`). */
export function eventSchemas(compiled: CompiledCatalog, generatedDir: string, catalogFile: string): EventSchemas {
  const catalogJson = readOrUndefined(join(generatedDir, 'catalog.json'))
  const schemaText = readOrUndefined(join(generatedDir, 'events.schema.json'))
  if (catalogJson !== undefined && schemaText !== undefined && catalogJson === renderCatalogJson(compiled)) {
    const defs = definitions(schemaText)
    const byEvent = defs !== undefined ? pick(compiled, defs) : undefined
    if (byEvent !== undefined) return { byEvent, origin: 'generated' }
  }
  const computed = definitions(renderJsonSchema(compiled, { catalogFile })) ?? {}
  return { byEvent: pick(compiled, computed) ?? {}, origin: 'computed' }
}
