import { resolve } from 'node:path'
import { generateFiles } from '../../schema/generate/index.js'
import { DEFAULT_CATALOG, DEFAULT_OUT, loadForCommand } from '../catalog.js'
import { defineCommand } from '../command.js'
import { displayPath, writeGenerated } from '../generated-files.js'

export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'compile the catalog into typed helpers, zod schemas, JSON Schema and docs',
  description:
    'Writes events.ts, catalog.json, events.schema.json and EVENTS.md to the output directory.\n' +
    'Nothing is written when the catalog has errors. Commit the output; `linecast check` keeps it fresh.',
  options: {
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog to compile' },
    out: { type: 'string', valueName: 'DIR', default: DEFAULT_OUT, description: 'where the generated files go' },
    'runtime-import': {
      type: 'string',
      valueName: 'MODULE',
      default: 'linecast',
      description: 'module events.ts imports defineCatalog from',
    },
  },
  async run({ values, out, cwd }) {
    const compiled = loadForCommand(out, cwd, values.catalog)
    if (compiled === undefined) return 1
    const files = generateFiles(compiled, { catalogFile: values.catalog, runtimeImport: values['runtime-import'] })
    const outDir = resolve(cwd, values.out)
    const statuses = writeGenerated(cwd, outDir, files)
    const written = statuses.filter((s) => s.state !== 'fresh')
    for (const s of written) out.line(`wrote ${s.display}`)
    const events = Object.keys(compiled.events).length
    out.line(
      `generated ${displayPath(cwd, outDir)}/ from ${values.catalog} (${events} event${events === 1 ? '' : 's'}, ` +
        `${written.length} file${written.length === 1 ? '' : 's'} changed)`,
    )
    return 0
  },
})
