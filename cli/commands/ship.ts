/**
 * `linecast ship`: NDJSON lines written by any process (a Python worker's
 * stdout, a file a log agent tails) validated against the catalog and handed
 * to the same delivery as the logger: the transport worker, which delivers
 * in process or appends to the stream in stream mode.
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { openDelivery } from '../../emitters/delivery.js'
import { DEFAULT_CATALOG, loadForCommand } from '../catalog.js'
import { defineCommand, type Command } from '../command.js'
import { UsageError } from '../errors.js'
import { compileShipper } from '../ship/accept.js'
import { readLines, type ShipSource } from '../ship/input.js'

export interface ShipDeps {
  stdin: () => Readable & { isTTY?: boolean }
  /** poll interval of --follow; tests shorten it */
  pollMs?: number
}

const options = {
  catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'the catalog the lines are validated against' },
  from: { type: 'string', valueName: 'FILE|-', default: '-', description: 'NDJSON to read: a file, or - for stdin' },
  follow: { type: 'boolean', short: 'f', description: 'keep reading the file as it grows, across rotation, until SIGTERM/SIGINT' },
} as const

function chooseSource(from: string, follow: boolean, cwd: string, deps: ShipDeps): ShipSource {
  if (from === '-') {
    if (follow) throw new UsageError('--follow reads a file: name it with --from FILE', 'ship')
    const stdin = deps.stdin()
    if (stdin.isTTY === true) throw new UsageError('nothing to read: pipe NDJSON in (python worker.py | linecast ship) or pass --from FILE', 'ship')
    return { type: 'stream', stream: stdin }
  }
  const path = resolve(cwd, from)
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`--from ${from} is not a file; check the path`, 'ship')
  return deps.pollMs === undefined ? { type: 'file', path, follow } : { type: 'file', path, follow, pollMs: deps.pollMs }
}

export function createShipCommand(deps: ShipDeps): Command<typeof options> {
  return defineCommand({
    name: 'ship',
    summary: 'deliver NDJSON lines from any runtime, validated against the catalog',
    description:
      'Examples:\n' +
      '  python worker.py | linecast ship\n' +
      '  linecast ship --from /var/log/worker.ndjson --follow\n' +
      'Invalid lines are delivered as linecast.invalid_event lines (level error) and counted in the summary on stderr.',
    options,
    async run({ values, out, cwd, env, signal }) {
      const source = chooseSource(values.from, values.follow === true, cwd, deps)
      const catalog = loadForCommand(out, cwd, values.catalog)
      if (catalog === undefined) return 1
      const environment = env.NODE_ENV ?? 'development'
      const ship = compileShipper({ catalog, environment, vars: env })
      const vars: Record<string, string> = {}
      for (const [k, v] of Object.entries(env)) if (v !== undefined) vars[k] = v
      const delivery = openDelivery({ catalog, env: vars, environment, handleSignals: false })
      const counts = { read: 0, valid: 0, invalid: 0 }
      try {
        await readLines(
          source,
          (text) => {
            counts.read++
            const shipped = ship(text)
            if (shipped.valid) counts.valid++
            else {
              counts.invalid++
              out.warn(`line ${counts.read}: ${shipped.reason}`)
            }
            delivery.destination.write(`${shipped.text}\n`)
          },
          signal,
        )
      } finally {
        await delivery.close()
      }
      out.note(`linecast ship: ${counts.read} lines read, ${counts.valid} delivered as read, ${counts.invalid} invalid (delivered as linecast.invalid_event)`)
      return 0
    },
  })
}

export const shipCommand = createShipCommand({ stdin: () => process.stdin })
