import { annotation } from '../annotations.js'
import { defineCommand } from '../command.js'
import { checkAgainstBase, parseFormat } from '../diff/report.js'
import { eventCount, generateForCommand, generateOptions } from '../generate-run.js'
import { compareGenerated, displayPath } from '../generated-files.js'

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'fail when the catalog is invalid or the generated files are stale (for CI)',
  description:
    'Exits 1 on any catalog error or when a generated file differs from what `linecast generate` would write.\n' +
    'With --base REF it also fails on a breaking change since REF to an event whose `version` was not bumped (see `linecast diff`).',
  options: {
    ...generateOptions({ catalog: 'the catalog to check', out: 'where the generated files are' }),
    base: { type: 'string', valueName: 'REF', description: 'also fail on breaking changes since this git ref without a version bump' },
    format: { type: 'string', valueName: 'FORMAT', default: 'text', description: 'text, or github: catalog problems, stale files and --base changes as workflow annotations' },
  },
  async run({ values, out, cwd }) {
    const format = parseFormat(values.format, ['text', 'github'], 'check')
    const generated = generateForCommand(out, cwd, values, format === 'github' ? 'github' : 'text')
    if (generated === undefined) return 1
    const { compiled, files, outDir } = generated
    const problems = compareGenerated(cwd, outDir, files).filter((s) => s.state !== 'fresh')
    for (const p of problems) {
      if (format === 'github') {
        const message = `${p.display} is ${p.state}: run \`linecast generate\` and commit the result`
        out.line(annotation('error', { file: p.display }, `linecast ${p.state} file`, message))
      } else out.note(`${p.display} is ${p.state}: run \`linecast generate\``)
    }
    if (problems.length > 0) out.error(`${problems.length} generated file${problems.length === 1 ? ' is' : 's are'} out of date`)
    const compatible = values.base === undefined || (await checkAgainstBase(out, { cwd, catalog: values.catalog, base: values.base, format }))
    if (problems.length > 0 || !compatible) return 1
    out.line(`ok: ${values.catalog} is valid (${eventCount(compiled)}) and ${displayPath(cwd, outDir)}/ is up to date`)
    return 0
  },
})
