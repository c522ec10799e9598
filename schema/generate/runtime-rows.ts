/**
 * The runtimes rows of an event's metadata table (EVENTS.md and the docs
 * site): where it is emitted from, and the helper each other runtime calls.
 */
import type { CompiledEvent } from '../compiled.js'
import { eventRuntimes, helperCall } from '../runtimes.js'

export function runtimeRows<C>(event: CompiledEvent, code: (text: string) => C): [string, string | C][] {
  const runtimes = eventRuntimes(event)
  const rows: [string, string | C][] = [['runtimes', runtimes.join(', ')]]
  for (const runtime of runtimes) if (runtime !== 'server') rows.push([`${runtime} helper`, code(helperCall(event, runtime))])
  return rows
}
