/**
 * Deterministic sampling: the same actor is always in or always out of an
 * event's sample, so a funnel never loses half of one user's steps.
 */
import type { CompiledEvent } from '../schema/compiled.js'
import type { LogLine } from '../core/line.js'
import { fnv1a32 } from './hash.js'

const TWO_POW_32 = 0x1_0000_0000

/** The key a line is sampled by: event name plus the distinctId value, or the eventId when there is none. */
export function sampleKey(event: CompiledEvent, line: LogLine): string {
  const actor = event.distinctId === undefined ? undefined : line[event.distinctId]
  if (actor !== undefined && actor !== null && actor !== '') return `${event.name}:${String(actor)}`
  return `${event.name}:${line.eventId}`
}

/** True when the line is kept: hash(key) < sample * 2^32. `sample` absent or >= 1 keeps everything. */
export function isSampledIn(event: CompiledEvent, line: LogLine): boolean {
  const sample = event.sample
  if (sample === undefined || sample >= 1) return true
  if (sample <= 0) return false
  return fnv1a32(sampleKey(event, line)) < sample * TWO_POW_32
}
