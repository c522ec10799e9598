/**
 * `events.ts`: per event an interface and a zod schema, the `LinecastEvents`
 * map, the compiled catalog, and the catalog object the runtime takes.
 *
 * Written so that type-checking it costs the compiler time and memory linear
 * in the number of events, with a small constant (a 10,000-event catalog
 * checks in seconds, see bench/catalog.ts):
 * - objects are built with `z.strictObject` seen through a plain signature
 *   and each event's schema is cast to `z.ZodType<Interface>`, instead of
 *   inferring a shape type per object and checking it structurally against
 *   the interface (thousands of type instantiations per event). Schema and
 *   interface come from the same property spec (ts-types.ts and
 *   zod-source.ts mirror each other; events-ts.test.ts parses example
 *   payloads with every schema);
 * - the compiled catalog is one JSON text parsed at load, not an object
 *   literal the compiler must type and check against `CompiledCatalog`. Its
 *   maps come out without a prototype, as the loader builds them.
 */
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import { sortedEventNames } from './canonical.js'
import { compiledJsonText } from './catalog-json.js'
import { headerText } from './header.js'
import { pascalName, propertyKey, schemaName } from './names.js'
import { eventInterface, eventsMapInterface, type EventsMapOptions } from './ts-types.js'
import { STRICT_OBJECT_DECLARATION, zodObject } from './zod-source.js'

export interface EventsTsOptions {
  /** catalog file name, for the header */
  catalogFile: string
  /** module that exports `defineCatalog` and the `CompiledCatalog` type; default `linecast` */
  runtimeImport?: string
  /** the compiled catalog as JSON text (`compiledJsonText`), when the caller already has it */
  compiledJson?: string
}

/** A single-quoted module specifier. */
function quote(specifier: string): string {
  return `'${specifier.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function eventBlock(event: CompiledEvent): string {
  const type = pascalName(event.name)
  const schema = `export const ${schemaName(event.name)} = ${zodObject(event.properties, '')} as z.ZodType<${type}>\n`
  return `${eventInterface(event)}\n${schema}`
}

/** JSON text as the body of a template literal: backslashes, backticks and `${` escaped, so the literal's value is the text. */
function templateBody(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
}

/** The reviver the compiled catalog is parsed with: every object without a prototype. */
const WITHOUT_PROTOTYPE = `
/** Every object of the compiled catalog without a prototype: a name in it is only ever a key. */
function withoutPrototype(_key: string, value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.assign(Object.create(null) as object, value) : value
}
`

function compiledBlock(json: string): string {
  return (
    `${WITHOUT_PROTOTYPE}\n/** The compiled catalog (the same data as \`catalog.json\`). */\n` +
    `export const compiled: CompiledCatalog = JSON.parse(\`${templateBody(json)}\`, withoutPrototype)\n`
  )
}

function flagNamesBlock(compiled: CompiledCatalog): string {
  const names = Object.keys(compiled.flags).sort()
  if (names.length === 0) return ''
  const body = names
    .map((name) => `  ${propertyKey(compiled.flags[name]?.helper ?? name)}: ${JSON.stringify(name)},\n`)
    .join('')
  return `\n/** Feature flag keys by helper name. */\nexport const flagNames = {\n${body}} as const\n`
}

/**
 * The interfaces alone and the map of every event (`LinecastEvents` unless
 * `map` names it otherwise): no imports, nothing to resolve. The JSON Schema
 * generator reads them, and `schema/builtin-events.ts` is them for the
 * built-in catalog part.
 */
export function renderInterfaces(compiled: CompiledCatalog, map: EventsMapOptions = {}): string {
  const names = sortedEventNames(compiled)
  const events = names.map((name) => compiled.events[name]).filter((e): e is CompiledEvent => e !== undefined)
  return `${events.map((e) => eventInterface(e)).join('\n')}\n${eventsMapInterface(names, map)}`
}

export function renderEventsTs(compiled: CompiledCatalog, options: EventsTsOptions): string {
  const runtime = quote(options.runtimeImport ?? 'linecast')
  const names = sortedEventNames(compiled)
  const events = names.map((name) => compiled.events[name]).filter((e): e is CompiledEvent => e !== undefined)
  const schemas = names.map((name) => `  ${propertyKey(name)}: ${schemaName(name)},\n`).join('')
  return [
    `// ${headerText(options.catalogFile)}\n`,
    `import { z } from 'zod'\n`,
    `import { defineCatalog } from ${runtime}\n`,
    `import type { CompiledCatalog } from ${runtime}\n`,
    `\n${STRICT_OBJECT_DECLARATION}`,
    ...events.map((e) => `\n${eventBlock(e)}`),
    `\n${eventsMapInterface(names)}`,
    compiledBlock(options.compiledJson ?? compiledJsonText(compiled)),
    `\n/** The catalog the runtime takes, typed by \`LinecastEvents\`. */\n`,
    `export const catalog = defineCatalog<LinecastEvents>(compiled, {${schemas.length > 0 ? `\n${schemas}` : ''}})\n`,
    flagNamesBlock(compiled),
  ].join('')
}
