/**
 * `events.browser.ts`: the events the catalog marks `runtimes: [browser]`,
 * as interfaces and zod schemas (the same text as `events.ts`), the catalog
 * part the browser needs (kind, PII paths, whether PostHog receives it), and
 * `createTrack(options)` returning one typed helper per event:
 * `track.wizardStepCompleted({...})`. It imports only zod and
 * `linecast/browser` (no pino, no Node built-ins).
 */
import type { CompiledCatalog, CompiledEvent } from '../compiled.js'
import { eventRuntimes } from '../runtimes.js'
import { eventDestinations } from '../../core/reach.js'
import { sortedEventNames } from './canonical.js'
import { GenerateNameCollisionError } from './errors.js'
import { headerText } from './header.js'
import { jsdoc } from './jsdoc.js'
import { pascalName, propertyKey, schemaName } from './names.js'
import { eventDocLines, eventInterface } from './ts-types.js'
import { STRICT_OBJECT_DECLARATION, zodObject } from './zod-source.js'

export interface BrowserTsOptions {
  catalogFile: string
  /** module that exports `createTracker`; default `linecast/browser` */
  browserImport?: string
}

/** Helper names the `Track` object uses itself. */
const TRACK_OWN = new Set(['stats'])

export function browserEvents(compiled: CompiledCatalog): CompiledEvent[] {
  return sortedEventNames(compiled)
    .map((name) => compiled.events[name])
    .filter((e): e is CompiledEvent => e !== undefined && eventRuntimes(e).includes('browser'))
}

function reachesPostHog(compiled: CompiledCatalog, event: CompiledEvent): boolean {
  return eventDestinations(compiled, event).some((d) => compiled.destinations[d.name]?.kind === 'posthog')
}

function catalogEntry(compiled: CompiledCatalog, event: CompiledEvent): string {
  const pii = `{ hash: ${JSON.stringify(event.pii.hash)}, redact: ${JSON.stringify(event.pii.redact)} }`
  return (
    `    ${propertyKey(event.name)}: {\n` +
    `      name: ${JSON.stringify(event.name)},\n` +
    `      kind: ${JSON.stringify(event.kind)},\n` +
    `      posthog: ${reachesPostHog(compiled, event)},\n` +
    `      pii: ${pii},\n` +
    `      schema: ${schemaName(event.name)},\n` +
    `    },\n`
  )
}

function trackInterface(events: readonly CompiledEvent[]): string {
  const members = events
    .map((e) => `${jsdoc(eventDocLines(e), '  ')}  ${e.helper}(props: ${pascalName(e.name)}): Promise<void>\n`)
    .join('')
  return (
    `${jsdoc(['One typed helper per browser event; each resolves once the event is handed to PostHog or the collector.'])}` +
    `export interface Track {\n${members}  /** events sent and dropped so far */\n  stats(): TrackerStats\n}\n`
  )
}

function createTrackFunction(events: readonly CompiledEvent[]): string {
  const helpers = events.map((e) => `    ${e.helper}: (props) => tracker.send(${JSON.stringify(e.name)}, props),\n`).join('')
  return (
    `${jsdoc(['`const track = createTrack({ posthog, collector, piiKey })`, then `track.<event>({...})`.'])}` +
    `export function createTrack(options: TrackerOptions): Track {\n` +
    `  const tracker = createTracker(browserCatalog, options)\n` +
    `  return {\n${helpers}    stats: () => tracker.stats(),\n  }\n}\n`
  )
}

export function renderBrowserTs(compiled: CompiledCatalog, options: BrowserTsOptions): string {
  const events = browserEvents(compiled)
  for (const e of events) {
    if (TRACK_OWN.has(e.helper)) throw new GenerateNameCollisionError(e.helper, [e.name, "the browser tracker's own stats()"])
  }
  const runtime = `'${(options.browserImport ?? 'linecast/browser').replace(/'/g, "\\'")}'`
  const map = events.map((e) => `  ${propertyKey(e.name)}: ${pascalName(e.name)}\n`).join('')
  return [
    `// ${headerText(options.catalogFile)}\n`,
    `import * as z from 'zod'\n`,
    `import { createTracker, type BrowserCatalog, type TrackerOptions, type TrackerStats } from ${runtime}\n`,
    `\n${STRICT_OBJECT_DECLARATION}`,
    ...events.map(
      (e) =>
        `\n${eventInterface(e)}\nexport const ${schemaName(e.name)} = ${zodObject(e.properties, '')} as z.ZodType<${pascalName(e.name)}>\n`,
    ),
    `\n${jsdoc(['Every browser event of the catalog by name.'])}export interface BrowserEvents {${map.length > 0 ? `\n${map}` : ''}}\n`,
    `\n${jsdoc(['What the browser needs of the catalog: each event\'s kind, PII paths and whether PostHog receives it.'])}`,
    `export const browserCatalog: BrowserCatalog = {\n`,
    `  service: ${JSON.stringify(compiled.service)},\n`,
    `  redact: ${JSON.stringify(compiled.redact)},\n`,
    `  events: {\n${events.map((e) => catalogEntry(compiled, e)).join('')}  },\n}\n`,
    `\n${trackInterface(events)}`,
    `\n${createTrackFunction(events)}`,
  ].join('')
}
