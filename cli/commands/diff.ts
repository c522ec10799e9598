import { DEFAULT_CATALOG } from '../catalog.js'
import { defineCommand } from '../command.js'
import { compareWithBase } from '../diff/compare.js'
import { DIFF_FORMATS } from '../diff/format.js'
import { parseFormat, printComparison, reportInputs } from '../diff/report.js'
import { UsageError } from '../errors.js'

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'list the catalog changes since a git ref: breaking, additions, other',
  description:
    'Compares the catalog with the same file at --base (`git show <ref>:<path>`). A breaking change\n' +
    '(event or property removed or renamed, type changed, constraint narrowed, optional made required,\n' +
    'enum value removed, distinctId changed) is accepted when the event\'s `version` went up;\n' +
    '`linecast check --base <ref>` fails on the others. Removals point into `<ref>:<path>`.',
  options: {
    base: { type: 'string', valueName: 'REF', description: 'git ref to compare with, e.g. main, origin/main or HEAD~1 (required)' },
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog to compare' },
    format: { type: 'string', valueName: 'FORMAT', default: 'text', description: `output format: ${DIFF_FORMATS.join(', ')}` },
  },
  async run({ values, out, cwd }) {
    if (values.base === undefined) throw new UsageError('--base REF is required: the git ref to compare the catalog with', 'diff')
    const format = parseFormat(values.format, DIFF_FORMATS, 'diff')
    const comparison = await compareWithBase(cwd, values.catalog, values.base)
    if (!reportInputs(out, comparison, format, cwd)) return 1
    printComparison(out, comparison, format)
    return 0
  },
})
