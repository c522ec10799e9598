/** `runtimes:` on an event and `targets:` at the top of the catalog. */
import { RUNTIMES, TARGETS, type Runtime, type Target } from '../runtimes.js'
import { readStringList, type Path, type ReadContext } from './values.js'
import { suggestion } from '../suggest.js'

function readWords<T extends string>(ctx: ReadContext, map: Record<string, unknown>, path: Path, key: string, allowed: readonly T[]): T[] | undefined {
  const list = readStringList(ctx, map, path, key)
  if (list === undefined) return undefined
  const out: T[] = []
  list.forEach((word, index) => {
    if ((allowed as readonly string[]).includes(word)) {
      if (!out.includes(word as T)) out.push(word as T)
      return
    }
    ctx.report.error(
      ctx.source,
      [...path, key, index],
      'LC_INVALID_VALUE',
      `\`${word}\` is not a ${key === 'targets' ? 'target' : 'runtime'}${suggestion(word, allowed)}`,
    )
  })
  return out
}

/** An event's runtimes in the order the catalog lists them; undefined when not written (server only). */
export function readRuntimes(ctx: ReadContext, map: Record<string, unknown>, path: Path): Runtime[] | undefined {
  const runtimes = readWords(ctx, map, path, 'runtimes', RUNTIMES)
  if (runtimes !== undefined && runtimes.length === 0 && Array.isArray(map.runtimes) && map.runtimes.length === 0)
    ctx.report.error(ctx.source, [...path, 'runtimes'], 'LC_INVALID_VALUE', '`runtimes` is empty: list where the event is emitted from (server, browser, python) or leave it out for server only')
  return runtimes
}

/** The generated modules the catalog asks for besides `events.ts`. */
export function readTargets(ctx: ReadContext, root: Record<string, unknown>): Target[] | undefined {
  return readWords(ctx, root, [], 'targets', TARGETS)
}
