/**
 * `linecast coverage`: catalog events never emitted in the source (a warning),
 * and emit calls naming events the catalog lacks (an error: exit 1).
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { analyzeCoverage } from '../coverage/analyze.js'
import { listSourceFiles } from '../coverage/files.js'
import { renderJson, renderText } from '../coverage/render.js'
import { DEFAULT_CATALOG, loadForCommand } from '../catalog.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'

export const coverageCommand = defineCommand({
  name: 'coverage',
  summary: 'find catalog events never emitted and emit calls naming unknown events',
  description:
    'Scans .ts .js .mts .cts .tsx .jsx files (node_modules, dist, generated skipped) for\n' +
    "log.emit.logoGenerated(…) and emit('logo_generated', …). Unused events are a warning;\n" +
    'an emit call naming an event the catalog does not declare fails (exit 1).',
  options: {
    src: { type: 'string', valueName: 'DIR', default: '.', description: 'the source directory to scan' },
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog to compare with' },
    format: { type: 'string', valueName: 'text|json', default: 'text', description: 'report format' },
  },
  async run({ values, out, cwd }) {
    if (values.format !== 'text' && values.format !== 'json') {
      throw new UsageError(`--format ${values.format} is not a format; use text or json`, 'coverage')
    }
    const root = resolve(cwd, values.src)
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      throw new UsageError(`--src ${values.src} is not a directory; name the folder holding your source`, 'coverage')
    }
    const compiled = loadForCommand(out, cwd, values.catalog)
    if (compiled === undefined) return 1
    const files = listSourceFiles(root).map((path) => ({ path, text: readFileSync(resolve(root, path), 'utf8') }))
    const report = analyzeCoverage(compiled, files)
    if (values.format === 'json') out.line(renderJson(report, values.catalog, values.src))
    else for (const line of renderText(report, values.catalog, values.src)) out.line(line)
    if (values.format === 'text') {
      if (report.unused.length > 0) out.warn(`${report.unused.length} catalog event${report.unused.length === 1 ? ' is' : 's are'} never emitted`)
      if (report.unknown.length > 0) {
        out.error(`${report.unknown.length} emit call${report.unknown.length === 1 ? ' names an event' : 's name events'} the catalog does not declare; add ${report.unknown.length === 1 ? 'it' : 'them'} to the catalog or fix the name`)
      }
    }
    return report.unknown.length > 0 ? 1 : 0
  },
})
