/**
 * `events.ts`: per event an interface, the `LinecastEvents` map, the compiled
 * catalog, the catalog object the runtime takes (one zod schema per event)
 * and each schema as a named export.
 *
 * Written so that type-checking it costs the compiler time and memory linear
 * in the number of events, with a small constant (bench/catalog.ts measures
 * 10,000 events; generate-large.test.ts asserts the per-event cost):
 * - objects are built by `strictObject`, `z.strictObject` behind a plain
 *   signature, and each schema is cast to `z.ZodType<Interface>`, instead of
 *   inferring a shape type per object and checking it structurally against
 *   the interface (thousands of type instantiations per event). Schema and
 *   interface come from the same property spec (ts-types.ts and
 *   zod-source.ts mirror each other; events-ts.test.ts parses example
 *   payloads with every schema);
 * - the schemas sit inside the one `defineCatalog` call and are exported by
 *   one destructuring: a `const` per schema, each referenced again at the
 *   end, makes the compiler's control-flow analysis walk back over every
 *   earlier declaration for each reference (quadratic);
 * - the compiled catalog is one JSON text parsed at load, not an object
 *   literal the compiler must type and check against `CompiledCatalog`. Its
 *   maps come out without a prototype, as the loader builds them.
 */
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import { sortedEventNames } from './canonical.js'
import { compiledJsonText } from './catalog-json.js'
import { renderContextTs } from './context-ts.js'
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

/** `logo_generated: strictObject({ ... }) as z.ZodType<LogoGenerated>,` inside the catalog's schema map. */
function schemaEntry(event: CompiledEvent): string {
  return `  ${propertyKey(event.name)}: ${zodObject(event.properties, '  ')} as z.ZodType<${pascalName(event.name)}>,\n`
}

function catalogBlock(events: readonly CompiledEvent[]): string {
  const schemas = events.map(schemaEntry).join('')
  const exports = events.map((e) => `  ${propertyKey(e.name)}: ${schemaName(e.name)},\n`).join('')
  return (
    `\n/** The catalog the runtime takes: one schema per event, typed by \`LinecastEvents\`. */\n` +
    `export const catalog = defineCatalog<LinecastEvents>(compiled, {${schemas.length > 0 ? `\n${schemas}` : ''}})\n` +
    (exports.length > 0 ? `\n/** Each event's schema, by the name of its interface. */\nexport const {\n${exports}} = catalog.schemas\n` : '')
  )
}

/** JSON text as the body of a template literal: backslashes, backticks and `${` escaped, so the literal's value is the text. */
function templateBody(text: string): string {
  return text.replace(/\\|`|\$\{/g, (special) => `\\${special}`)
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
  return [
    `// ${headerText(options.catalogFile)}\n`,
    `import { z } from 'zod'\n`,
    `import { defineCatalog } from ${runtime}\n`,
    `import type { CompiledCatalog } from ${runtime}\n`,
    ...events.map((e) => `\n${eventInterface(e)}`),
    `\n${eventsMapInterface(names)}`,
    `\n${STRICT_OBJECT_DECLARATION}`,
    compiledBlock(options.compiledJson ?? compiledJsonText(compiled)),
    catalogBlock(events),
    flagNamesBlock(compiled),
    renderContextTs(compiled, runtime),
  ].join('')
}
