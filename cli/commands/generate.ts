import { defineCommand } from '../command.js'
import { eventCount, generateForCommand, generateOptions } from '../generate-run.js'
import { displayPath, writeGenerated } from '../generated-files.js'

export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'compile the catalog into typed helpers, zod schemas, JSON Schema and docs',
  description:
    'Writes events.ts, catalog.json, events.schema.json and EVENTS.md to the output directory.\n' +
    'Nothing is written when the catalog has errors. Commit the output; `linecast check` keeps it fresh.',
  options: generateOptions({ catalog: 'the catalog to compile', out: 'where the generated files go' }),
  async run({ values, out, cwd }) {
    const generated = generateForCommand(out, cwd, values)
    if (generated === undefined) return 1
    const { compiled, files, outDir } = generated
    const statuses = writeGenerated(cwd, outDir, files)
    const written = statuses.filter((s) => s.state !== 'fresh')
    for (const s of written) out.line(`wrote ${s.display}`)
    out.line(
      `generated ${displayPath(cwd, outDir)}/ from ${values.catalog} (${eventCount(compiled)}, ` +
        `${written.length} file${written.length === 1 ? '' : 's'} changed)`,
    )
    return 0
  },
})
