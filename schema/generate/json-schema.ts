/**
 * `events.schema.json`: the JSON Schema of every event, produced by
 * ts-json-schema-generator from the same interfaces `events.ts` declares.
 * The interfaces are written alone (no imports) to a temporary directory with
 * a minimal tsconfig, so the compiler boots fast and resolves nothing else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CompiledCatalog } from '../compiled.js'
import { canonicalValue } from './canonical.js'
import { renderInterfaces } from './events-ts.js'
import { JsonSchemaGenerationError } from './errors.js'
import { PeerDependencyMissingError, requirePeer } from '../../core/peer.js'
import { headerText } from './header.js'

export interface JsonSchemaOptions {
  catalogFile: string
}

const ROOT_TYPE = 'LinecastEvents'

/** Loaded on first use: it brings the TypeScript compiler, which commands other than generate and check never need. */
function schemaGenerator(): typeof import('ts-json-schema-generator') {
  return requirePeer<typeof import('ts-json-schema-generator')>('ts-json-schema-generator', 'linecast generate (the JSON Schema)', ['typescript'], 'dev')
}

/** JSON Schema's `deprecated` is a boolean; the reason stays readable in the description. */
function normalizeDeprecated(definition: Record<string, unknown>): void {
  const reason = definition['deprecated']
  if (typeof reason !== 'string') return
  definition['deprecated'] = true
  const description = typeof definition['description'] === 'string' ? definition['description'] : ''
  definition['description'] = `${description}${description.length > 0 ? ' ' : ''}Deprecated: ${reason}`
}

function generate(source: string): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'linecast-schema-'))
  try {
    const file = join(dir, 'events.ts')
    const tsconfig = join(dir, 'tsconfig.json')
    writeFileSync(file, source)
    writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: { strict: true, noLib: true, types: [], skipLibCheck: true, noEmit: true },
        files: ['events.ts'],
      }),
    )
    const generator = schemaGenerator().createGenerator({
      path: file,
      tsconfig,
      type: ROOT_TYPE,
      skipTypeCheck: true,
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      sortProps: true,
      additionalProperties: false,
    })
    return generator.createSchema(ROOT_TYPE) as Record<string, unknown>
  } catch (error) {
    if (error instanceof PeerDependencyMissingError) throw error
    throw new JsonSchemaGenerationError(error)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function renderJsonSchema(compiled: CompiledCatalog, options: JsonSchemaOptions): string {
  const schema = generate(renderInterfaces(compiled))
  const definitions = schema['definitions']
  if (definitions !== null && typeof definitions === 'object') {
    for (const definition of Object.values(definitions as Record<string, unknown>)) {
      if (definition !== null && typeof definition === 'object') normalizeDeprecated(definition as Record<string, unknown>)
    }
  }
  const out = canonicalValue({ ...schema, $comment: headerText(options.catalogFile) })
  return `${JSON.stringify(out, null, 2)}\n`
}
