/**
 * `linecast verify`: checks a running system's lines against the catalog.
 * Reads files, stdin, or a Redis stream (`--from redis://...`) for a time
 * window (`--for 10m`) or until interrupted, and reports events seen per
 * service and runtime, invalid lines with their first issues, unknown
 * events, catalog events never seen, properties always empty and PII written
 * raw. Exit code 1 when any line is invalid, unknown or carries raw PII.
 */
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { parseDuration } from '../../schema/duration.js'
import { LINE_FIELD } from '../../transports/stream/writer.js'
import { DEFAULT_CATALOG, loadForCommand } from '../catalog.js'
import { defineCommand, type Command } from '../command.js'
import { UsageError } from '../errors.js'
import { createLineChecker } from '../verify/check-line.js'
import { renderGithub, renderTable } from '../verify/render.js'
import { readFiles, readNumbered, readRedis } from '../verify/sources.js'
import { createTally, verifyExitCode } from '../verify/tally.js'

export interface VerifyDeps {
  stdin: () => Readable & { isTTY?: boolean }
}

const options = {
  catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog to check against' },
  from: { type: 'string', valueName: 'URL', description: 'read a Redis stream instead of files or stdin, e.g. redis://127.0.0.1:6379' },
  stream: { type: 'string', valueName: 'KEY', default: 'linecast:lines', description: 'the Redis stream key (with --from)' },
  field: { type: 'string', valueName: 'NAME', default: LINE_FIELD, description: 'the stream entry field holding the line (with --from)' },
  start: { type: 'string', valueName: 'ID', default: '0', description: "first stream entry: 0 the whole stream, $ only new entries (with --from)" },
  'until-end': { type: 'boolean', description: 'with --from: stop once the entries already in the stream are read' },
  for: { type: 'string', valueName: 'DURATION', description: 'stop after this long, e.g. 30s or 10m (default: until the input ends or Ctrl-C)' },
  json: { type: 'boolean', description: 'print the report as JSON' },
  format: { type: 'string', valueName: 'FORMAT', default: 'table', description: 'table, json, or github (workflow annotations)' },
} as const

function windowSignal(signal: AbortSignal, duration: string | undefined): AbortSignal {
  if (duration === undefined) return signal
  let ms: number
  try {
    ms = parseDuration(duration)
  } catch (error) {
    throw new UsageError(`--for ${duration}: ${error instanceof Error ? error.message : String(error)}`, 'verify')
  }
  return AbortSignal.any([signal, AbortSignal.timeout(ms)])
}

export function createVerifyCommand(deps: VerifyDeps): Command<typeof options> {
  return defineCommand({
    name: 'verify',
    summary: 'check lines from files, stdin or a Redis stream against the catalog',
    positionals: '[FILE...]',
    description:
      'Examples:\n' +
      '  python worker.py | linecast verify\n' +
      '  linecast verify logs/*.ndjson --format github\n' +
      '  linecast verify --from redis://staging:6379 --for 10m --json\n' +
      'Exit code 1 when a line is invalid, names an unknown event, or carries PII the catalog hashes or redacts.',
    options,
    async run({ values, positionals, out, cwd, signal }) {
      const format = values.json === true ? 'json' : values.format
      if (!['table', 'json', 'github'].includes(format)) throw new UsageError(`--format ${format}: use table, json or github`, 'verify')
      if (values.from !== undefined && positionals.length > 0) throw new UsageError('read either files or --from, not both', 'verify')
      if (values.from !== undefined && !/^rediss?:\/\//.test(values.from)) throw new UsageError(`--from ${values.from}: give a redis:// URL`, 'verify')
      const stop = windowSignal(signal, values.for)
      const compiled = loadForCommand(out, cwd, values.catalog)
      if (compiled === undefined) return 1
      const check = createLineChecker(compiled)
      const tally = createTally(compiled)
      const onLine = (text: string, place: Parameters<typeof tally.add>[1]): void => tally.add(check(text), place)
      if (values.from !== undefined) {
        const source = { url: values.from, stream: values.stream, field: values.field, start: values.start }
        await readRedis(source, onLine, stop, values['until-end'] === true)
      } else if (positionals.length > 0) {
        await readFiles(positionals.map((p) => ({ path: resolve(cwd, p), label: p })), onLine, stop)
      } else {
        const stdin = deps.stdin()
        if (stdin.isTTY === true) throw new UsageError('nothing to read: pipe lines in, name files, or pass --from redis://...', 'verify')
        await readNumbered(stdin, 'stdin', onLine, stop)
      }
      const report = tally.report()
      if (format === 'json') out.line(JSON.stringify(report, null, 2))
      else for (const line of format === 'github' ? renderGithub(report, tally) : renderTable(report)) out.line(line)
      return verifyExitCode(report)
    },
  })
}

export const verifyCommand = createVerifyCommand({ stdin: () => process.stdin })
