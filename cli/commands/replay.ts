import { resolve } from 'node:path'
import { resolveCatalog } from '../../transports/worker/catalog-source.js'
import { deadLetterFiles, resendDeadLetters, type ResendOutcome } from '../../transports/worker/resend.js'
import { DEFAULT_CATALOG } from '../catalog.js'
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'
import type { Output } from '../output.js'

function print(out: Output, o: ResendOutcome): void {
  const refused = Object.values(o.refused).reduce((n, c) => n + c, 0)
  out.line(`${o.destination}: ${o.sent} sent, ${refused} refused again, ${o.kept} kept (${o.file})`)
  for (const [reason, count] of Object.entries(o.refused)) out.note(`  ${count} refused: ${reason}`)
  if (o.kept > 0) out.warn(`${o.kept} line(s) for ${o.destination} did not go in time; they stay in ${o.file}: run the command again`)
}

export const replayCommand = defineCommand({
  name: 'replay',
  summary: 'send dead-lettered lines again through the same destination, once the cause is fixed',
  positionals: '<FILE|DIR>',
  description:
    'Reads a dead-letter file (or every .ndjson file in a directory, e.g. .linecast/dead-letter) and sends\n' +
    "each record's line again through its destination's sink, with the settings of the catalog and the\n" +
    'environment. A record leaves the file only when the destination took it; one refused again stays\n' +
    'with the new reason. Exits 1 when any line did not go.',
  options: {
    destination: { type: 'string', valueName: 'NAME', description: 'only the records of this destination' },
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog (YAML, or generated/catalog.json)' },
  },
  async run({ values, positionals, out, cwd, env, signal }) {
    const [target] = positionals
    if (target === undefined || positionals.length > 1) throw new UsageError('give one dead-letter file or directory', 'replay')
    const files = deadLetterFiles(resolve(cwd, target))
    if (files.length === 0) {
      out.error(`no dead-letter file at ${target}`)
      return 1
    }
    const catalog = await resolveCatalog({ catalogPath: resolve(cwd, values.catalog) })
    let failed = false
    for (const file of files) {
      const outcomes = await resendDeadLetters(file, catalog, { ...(values.destination === undefined ? {} : { destination: values.destination }), env, signal })
      for (const o of outcomes) {
        print(out, o)
        if (o.kept > 0 || Object.keys(o.refused).length > 0) failed = true
      }
    }
    return failed ? 1 : 0
  },
})
