/**
 * What an event's metadata table says, shared by `EVENTS.md` and the docs
 * site's event pages. Each caller renders code spans its own way (`code`)
 * and orders the rows it adds after the summary.
 */
import type { CompiledEvent } from '../compiled.js'

/** kind, owner, level, severity, version and helper, in that order. */
export function summaryRows<C>(event: CompiledEvent, code: (text: string) => C): [string, string | C][] {
  return [
    ['kind', event.kind],
    ['owner', event.owner ?? '–'],
    ['level', event.level],
    ['severity', event.severity ?? '–'],
    ['version', String(event.version)],
    ['helper', code(`log.emit.${event.helper}(…)`)],
  ]
}

/** `50% (per userId)` for a sampled event; undefined when every line is kept. */
export function sampledText(event: CompiledEvent): string | undefined {
  return event.sample === undefined ? undefined : `${event.sample * 100}% (per ${event.distinctId ?? 'line'})`
}

/** `action X on Y, resource id from Z` as text and code spans; undefined without an audit mapping. */
export function auditParts<C>(event: CompiledEvent, code: (text: string) => C): (string | C)[] | undefined {
  const audit = event.audit
  if (audit === undefined) return undefined
  const parts: (string | C)[] = ['action ', code(audit.action), ' on ', code(audit.resourceType)]
  if (audit.resourceId !== undefined) parts.push(', resource id from ', code(audit.resourceId))
  return parts
}
