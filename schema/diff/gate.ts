/**
 * The version rule `linecast check --base` enforces: a breaking change to an
 * event is accepted when the event's `version` is greater than at base; an
 * event may be removed once it was deprecated at base. Everything else that is
 * breaking fails the check.
 */
import type { CompiledCatalog } from '../compiled.js'
import type { GatedChange, LocatedChange } from './types.js'

function verdict(change: LocatedChange, base: CompiledCatalog, current: CompiledCatalog): Pick<GatedChange, 'accepted' | 'verdict'> {
  if (change.event === undefined) return { accepted: false, verdict: 'revert it or make it compatible' }
  const before = base.events[change.event]
  const after = current.events[change.event]
  if (before === undefined) return { accepted: true, verdict: 'the event is new' }
  if (after === undefined) {
    return before.deprecated !== undefined
      ? { accepted: true, verdict: 'it was deprecated at base' }
      : { accepted: false, verdict: `mark \`${change.event}\` \`deprecated:\` first and remove it in a later change` }
  }
  if (after.version > before.version) return { accepted: true, verdict: `version ${before.version} -> ${after.version}` }
  return {
    accepted: false,
    verdict: `bump \`version\` of \`${change.event}\` to ${before.version + 1} to accept it, or make the change compatible`,
  }
}

export function gateChanges(changes: readonly LocatedChange[], base: CompiledCatalog, current: CompiledCatalog): GatedChange[] {
  return changes.map((change) => (change.impact === 'breaking' ? { ...change, ...verdict(change, base, current) } : { ...change }))
}

/** Breaking changes no version bump accepts: `check --base` fails when there is any. */
export function rejectedChanges(changes: readonly GatedChange[]): GatedChange[] {
  return changes.filter((c) => c.impact === 'breaking' && c.accepted !== true)
}
