/**
 * `--dest NAME`: keeps only lines the router sends to that destination and
 * shows each as the payload the destination would receive.
 * NAME is a destination name of the catalog or a destination kind (`sentry`).
 */
import type { CompiledCatalog, Level } from '../../schema/compiled.js'
import { compileRouter } from '../../router/index.js'
import type { LogLine } from '../../core/line.js'
import { TailUsageError } from './errors.js'
import { asLogLine, createPayloadEncoder } from './payload.js'

export interface DestView {
  /** the destination names that NAME stands for */
  destinations: string[]
  routed: (record: Record<string, unknown>, level: Level | undefined) => boolean
  payload: (record: Record<string, unknown>, level: Level | undefined) => unknown
  /** set when some destination's payload cannot be built and the line is shown instead */
  notes: string[]
}

export function resolveDestinations(catalog: CompiledCatalog, name: string): string[] {
  if (catalog.destinations[name] !== undefined) return [name]
  const byKind = Object.entries(catalog.destinations)
    .filter(([, spec]) => spec.kind === name)
    .map(([destination]) => destination)
  if (byKind.length > 0) return byKind
  const known = Object.keys(catalog.destinations)
  throw new TailUsageError(
    `--dest ${name}: the catalog has no such destination; use one of: ${known.length > 0 ? known.join(', ') : '(none declared)'}`,
  )
}

export function createDestView(catalog: CompiledCatalog, name: string, env: NodeJS.ProcessEnv): DestView {
  const destinations = resolveDestinations(catalog, name)
  const router = compileRouter(catalog)
  const encoders = new Map(destinations.map((d) => [d, createPayloadEncoder(catalog, d, env)]))
  const notes = [...encoders.values()].flatMap((e) => (e.fallback === undefined ? [] : [e.fallback]))
  const targets = (line: LogLine): string[] => {
    const routes = router(line)
    return destinations.filter((d) => routes.includes(d))
  }
  return {
    destinations,
    notes,
    routed: (record, level) => targets(asLogLine(record, level)).length > 0,
    payload: (record, level) => {
      const line = asLogLine(record, level)
      const hits = targets(line)
      const encode = (d: string): unknown => {
        try {
          return encoders.get(d)?.encode(line) ?? line
        } catch (error) {
          return { notSent: error instanceof Error ? error.message : String(error) }
        }
      }
      if (hits.length === 1 && hits[0] !== undefined) return encode(hits[0])
      return Object.fromEntries(hits.map((d) => [d, encode(d)]))
    },
  }
}
