/**
 * `events.ts`: per event an interface and a zod schema typed against it, the
 * `LinecastEvents` map, the compiled catalog inlined, and the catalog object
 * the runtime takes.
 */
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import { canonicalCatalog, sortedEventNames } from './canonical.js'
import { renderContextTs } from './context-ts.js'
import { headerText } from './header.js'
import { pascalName, propertyKey, schemaName } from './names.js'
import { eventInterface, eventsMapInterface, type EventsMapOptions } from './ts-types.js'
import { zodObject } from './zod-source.js'

export interface EventsTsOptions {
  /** catalog file name, for the header */
  catalogFile: string
  /** module that exports `defineCatalog` and the `CompiledCatalog` type; default `linecast` */
  runtimeImport?: string
}

/** A single-quoted module specifier. */
function quote(specifier: string): string {
  return `'${specifier.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function eventBlock(event: CompiledEvent): string {
  const type = pascalName(event.name)
  const schema = `export const ${schemaName(event.name)}: z.ZodType<${type}> = ${zodObject(event.properties, '')}\n`
  return `${eventInterface(event)}\n${schema}`
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
    ...events.map((e) => `\n${eventBlock(e)}`),
    `\n${eventsMapInterface(names)}`,
    `\n/** The compiled catalog (the same data as \`catalog.json\`). */\n`,
    `export const compiled: CompiledCatalog = ${JSON.stringify(canonicalCatalog(compiled), null, 2)}\n`,
    `\n/** The catalog the runtime takes, typed by \`LinecastEvents\`. */\n`,
    `export const catalog = defineCatalog<LinecastEvents>(compiled, {${schemas.length > 0 ? `\n${schemas}` : ''}})\n`,
    flagNamesBlock(compiled),
    renderContextTs(compiled, runtime),
  ].join('')
}
