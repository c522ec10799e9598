import { resolve } from 'node:path'
import { generateFiles } from '../../schema/generate/index.js'
import { DEFAULT_CATALOG, DEFAULT_OUT, loadForCommand } from '../catalog.js'
import { defineCommand } from '../command.js'
import { compareGenerated, displayPath } from '../generated-files.js'

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'fail when the catalog is invalid or the generated files are stale (for CI)',
  description: 'Exits 1 on any catalog error or when a generated file differs from what `linecast generate` would write.',
  options: {
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog to check' },
    out: { type: 'string', valueName: 'DIR', default: DEFAULT_OUT, description: 'where the generated files are' },
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
    const problems = compareGenerated(cwd, outDir, files).filter((s) => s.state !== 'fresh')
    for (const p of problems) out.note(`${p.display} is ${p.state}: run \`linecast generate\``)
    if (problems.length > 0) {
      out.error(`${problems.length} generated file${problems.length === 1 ? ' is' : 's are'} out of date`)
      return 1
    }
    const events = Object.keys(compiled.events).length
    out.line(`ok: ${values.catalog} is valid (${events} event${events === 1 ? '' : 's'}) and ${displayPath(cwd, outDir)}/ is up to date`)
    return 0
  },
})
