/**
 * The static documentation site of a catalog: `index.html`, one page per
 * event under `events/`, and the stylesheet and script under `assets/`.
 * Pure and deterministic: the same catalog gives byte-identical files.
 */
import { basename } from 'node:path'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { SITE_CSS, SITE_JS } from './assets.js'
import { eventPage } from './event-page.js'
import { indexPage, sortedEvents } from './index-page.js'

export interface SiteFile {
  /** relative to the site directory, `/`-separated */
  path: string
  contents: string
}

export interface SiteOptions {
  catalogFile: string
  /** event name -> JSON Schema definition shown on its page */
  schemas: Record<string, unknown>
}

export function buildDocsSite(compiled: CompiledCatalog, options: SiteOptions): SiteFile[] {
  const catalogFile = basename(options.catalogFile)
  return [
    { path: 'index.html', contents: indexPage(compiled, { catalogFile }) },
    ...sortedEvents(compiled).map((event) => ({
      path: `events/${event.name}.html`,
      contents: eventPage(compiled, event, { catalogFile, schema: options.schemas[event.name] ?? {} }),
    })),
    { path: 'assets/site.css', contents: SITE_CSS },
    { path: 'assets/site.js', contents: SITE_JS },
  ]
}
