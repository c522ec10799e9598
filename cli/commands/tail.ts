/**
 * `linecast tail`: the stream, pretty and filtered. Reads stdin, a file (-f
 * follows it across rotation) or the output of a command it runs; prints a
 * summary to stderr when the input ends, the command exits or on Ctrl-C.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { EVENT_KINDS, LEVELS, type CompiledCatalog, type Level } from '../../schema/compiled.js'
import { loadCatalog } from '../../schema/load.js'
import { DEFAULT_CATALOG, loadForCommand } from '../catalog.js'
import { defineCommand, type Command } from '../command.js'
import { UsageError } from '../errors.js'
import type { Output } from '../output.js'
import { createPalette, shouldColor } from '../tail/color.js'
import { loadWithPeers } from '../../core/peer.js'
import { escapeControls } from '../tail/escape.js'
import { TailUsageError } from '../tail/errors.js'
import { createFilter } from '../tail/filter.js'
import { readSource } from '../tail/reader.js'
import { createTailSession } from '../tail/session.js'
import { chooseSource } from '../tail/source.js'
import { globToRegExp } from '../tail/glob.js'
import { DEFAULT_MAX_LINE_BYTES } from '../tail/split.js'
import { renderSummary } from '../tail/summary.js'
import { parseWhere } from '../tail/where.js'
import { closest } from '../../schema/suggest.js'

export interface TailDeps {
  /** the stream read when no file or command is named */
  stdin: () => Readable & { isTTY?: boolean }
  /** poll interval of -f; tests shorten it */
  pollMs?: number
}

/** --catalog FILE must load; the default events.catalog.yaml is used when it is there and valid. */
function catalogFor(out: Output, cwd: string, file: string | undefined): CompiledCatalog | undefined | null {
  if (file !== undefined) return loadForCommand(out, cwd, file) ?? null
  const path = resolve(cwd, DEFAULT_CATALOG)
  if (!existsSync(path)) return undefined
  try {
    return loadCatalog(path).compiled
  } catch (error) {
    out.warn(`${DEFAULT_CATALOG} did not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); tailing without it`)
    return undefined
  }
}

function usage<T>(build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof TailUsageError) throw new UsageError(error.message, 'tail')
    throw error
  }
}

function checkLevel(level: string | undefined): Level | undefined {
  if (level === undefined) return undefined
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--level ${level} is not a level; use one of: ${LEVELS.join(', ')}`, 'tail')
  }
  return level as Level
}

function checkKinds(kinds: string[] | undefined): string[] | undefined {
  for (const kind of kinds ?? []) {
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--kind ${kind} is not an event kind; use one of: ${EVENT_KINDS.join(', ')}`, 'tail')
    }
  }
  return kinds
}

const SIZE = /^(\d+)\s*([kmg]?)i?b?$/i
const UNIT: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/** `--max-line-bytes 4m`: bytes, with an optional k, m or g (powers of 1024). */
export function parseByteSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_LINE_BYTES
  const match = SIZE.exec(text.trim())
  const bytes = match ? Number(match[1]) * (UNIT[(match[2] ?? '').toLowerCase()] ?? 1) : NaN
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`--max-line-bytes ${text} is not a size; write bytes or a size such as 512k, 4m, 1g`, 'tail')
  }
  return bytes
}

/** Each `--event` glob that names no event of the catalog, with the closest event name when one is near. */
export function unmatchedGlobs(globs: readonly string[], compiled: CompiledCatalog): string[] {
  const names = Object.keys(compiled.events)
  return globs.flatMap((glob) => {
    const pattern = globToRegExp(glob)
    if (names.some((name) => pattern.test(name))) return []
    const near = closest(glob, names)
    return [
      `--event '${glob}' matches no event of the catalog` +
        (near !== undefined ? `; did you mean '${near}'?` : '; lines of other loggers may still match'),
    ]
  })
}

const options = {
  follow: { type: 'boolean', short: 'f', description: 'keep reading the file as it grows, across rotation' },
  catalog: {
    type: 'string',
    valueName: 'FILE',
    description: `catalog for property names and --dest (default: ${DEFAULT_CATALOG} when present)`,
  },
  event: { type: 'string', short: 'e', multiple: true, valueName: 'GLOB', description: "events to show, e.g. 'logo_*' (repeat: any)" },
  level: { type: 'string', short: 'l', valueName: 'LEVEL', description: 'show lines at this level and above' },
  kind: { type: 'string', multiple: true, valueName: 'KIND', description: 'show events of this kind (repeat: any)' },
  request: { type: 'string', valueName: 'ID', description: "one request's lines, the jobs it started included" },
  where: { type: 'string', multiple: true, valueName: 'EXPR', description: "field op value, e.g. 'cost>0.05' (ops: = != > >= < <= ~)" },
  dest: { type: 'string', valueName: 'NAME', description: 'only lines routed to this destination, shown as its payload' },
  json: { type: 'boolean', description: 'print matching lines as JSON, untouched' },
  color: { type: 'boolean', description: 'colour even when stdout is not a terminal' },
  'no-color': { type: 'boolean', description: 'never colour' },
  utc: { type: 'boolean', description: 'print times in UTC instead of local time' },
  'no-summary': { type: 'boolean', description: 'print no summary on exit' },
  'max-line-bytes': {
    type: 'string',
    valueName: 'SIZE',
    description: 'longer lines show their head and a marker (e.g. 512k, 16m; default 4m)',
  },
} as const

export function createTailCommand(deps: TailDeps): Command<typeof options> {
  return defineCommand({
    name: 'tail',
    summary: 'show the event stream pretty and filtered (stdin, a file, or a command it runs)',
    positionals: '[FILE | -- COMMAND [ARGS...]]',
    description:
      'Examples:\n' +
      '  node server.js | linecast tail --level warn\n' +
      '  linecast tail -f logs/app.log --event "logo_*" --where "cost>0.05"\n' +
      '  linecast tail --dest sentry -- node server.js\n' +
      'Filters combine (all must match). With a command, its exit code is the exit code of tail.',
    options,
    async run({ values, positionals, out, cwd, env, signal }) {
      const level = checkLevel(values.level)
      const kinds = checkKinds(values.kind)
      const where = usage(() => (values.where ?? []).map(parseWhere))
      const maxLineBytes = parseByteSize(values['max-line-bytes'])
      const compiled = catalogFor(out, cwd, values.catalog)
      if (compiled === null) return 1
      if (compiled) for (const note of unmatchedGlobs(values.event ?? [], compiled)) out.warn(note)
      if (values.dest !== undefined && compiled === undefined) {
        throw new UsageError(`--dest needs the catalog: add ${DEFAULT_CATALOG} or pass --catalog FILE`, 'tail')
      }
      // the encoders use the vendor SDKs (optional peers): loaded only for --dest
      const destView = values.dest !== undefined && compiled
        ? (await loadWithPeers(() => import('../tail/dest.js'), ['@sentry/node', 'posthog-node'], 'linecast tail --dest')).createDestView
        : undefined
      const dest = destView !== undefined && compiled ? usage(() => destView(compiled, values.dest as string, env)) : undefined
      for (const note of dest?.notes ?? []) out.warn(escapeControls(note))
      const source = usage(() =>
        chooseSource({
          positionals,
          follow: values.follow === true,
          cwd,
          env,
          stdin: deps.stdin(),
          ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
        }),
      )
      const flag = values['no-color'] === true ? false : values.color === true ? true : undefined
      const palette = createPalette(shouldColor({ flag, isTTY: out.color, env }))
      const session = createTailSession({
        filter: createFilter({
          ...(values.event ? { events: values.event } : {}),
          ...(level ? { level } : {}),
          ...(kinds ? { kinds } : {}),
          ...(values.request !== undefined ? { request: values.request } : {}),
          where,
          ...(dest ? { routed: dest.routed } : {}),
        }),
        json: values.json === true,
        format: { palette, timeZone: values.utc === true ? 'utc' : 'local', ...(compiled ? { compiled } : {}) },
        ...(dest && values.dest !== undefined
          ? { payload: { destination: values.dest, of: (record, line) => dest.payload(record, line.type === 'record' ? line.level : undefined) } }
          : {}),
        write: (text) => out.line(text),
        warn: (text) => out.warn(text),
      })
      let code: number
      try {
        code = await readSource(source, (text, _origin, cut) => session.push(text, cut), { signal, maxLineBytes })
      } finally {
        if (values['no-summary'] !== true) for (const line of renderSummary(session.summary)) out.note(line)
      }
      return code
    },
  })
}

export const tailCommand = createTailCommand({ stdin: () => process.stdin })
