import { resolve } from 'node:path'
import { DEFAULT_CATALOG, DEFAULT_OUT, loadForCommand } from '../catalog.js'
import { defineCommand } from '../command.js'
import { eventSchemas } from '../docs/schemas.js'
import { buildDocsSite } from '../docs/site.js'
import { writeSite } from '../docs/write.js'
import { displayPath } from '../generated-files.js'

export const docsCommand = defineCommand({
  name: 'docs',
  summary: 'build a static HTML site of the catalog: searchable index, a page per event',
  description:
    'Writes index.html (search and filters by kind, owner and destination; destinations, pricing,\n' +
    'alerts and flags), events/<name>.html and assets/ to the output directory. No server needed:\n' +
    'open index.html from disk. Event pages show the JSON Schema from the generated directory when it\n' +
    'matches the catalog, computed otherwise.',
  options: {
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog to document' },
    out: { type: 'string', valueName: 'DIR', default: 'docs-site', description: 'where the site goes' },
    generated: { type: 'string', valueName: 'DIR', default: DEFAULT_OUT, description: 'where `linecast generate` wrote events.schema.json' },
  },
  async run({ values, out, cwd }) {
    const compiled = loadForCommand(out, cwd, values.catalog)
    if (compiled === undefined) return 1
    const schemas = eventSchemas(compiled, resolve(cwd, values.generated), values.catalog)
    const files = buildDocsSite(compiled, { catalogFile: values.catalog, schemas: schemas.byEvent })
    const outDir = resolve(cwd, values.out)
    const summary = writeSite(outDir, files)
    for (const path of summary.removed) out.line(`removed ${displayPath(cwd, resolve(outDir, path))}`)
    const events = Object.keys(compiled.events).length
    out.line(
      `wrote ${displayPath(cwd, outDir)}/index.html and ${events} event page${events === 1 ? '' : 's'} ` +
        `(${summary.written} file${summary.written === 1 ? '' : 's'} changed; JSON Schema ${schemas.origin === 'generated' ? 'from' : 'computed, not from'} ${values.generated}/)`,
    )
    return 0
  },
})
