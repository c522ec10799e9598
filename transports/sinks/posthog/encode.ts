/**
 * One routed line -> the calls PostHog gets for it: always a `capture`, plus
 * an `identify` when the destination lists the event under `identify`, plus an
 * `alias` per matching `alias` entry. Items are plain data; the sender replays
 * them on a real client.
 *
 * distinct_id: the field the catalog names in the event's `distinctId`
 * (a property or context field), else `userId`, else `anonymousId`; a line
 * with none of them is sent as a personless event (distinct_id = the service
 * name, `$process_person_profile: false`) so no fake person is created.
 * A `pii: keep` property never reaches PostHog (it is an analytics destination),
 * neither as a property nor as the distinct_id.
 */
import { RESERVED_FIELDS, type CompiledCatalog, type CompiledEvent } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import type { PosthogSettings } from './config.js'
import { LineEncodeError } from '../http/index.js'
import { lineUuid } from './uuid.js'

export interface PosthogCapture {
  event: string
  distinctId: string
  properties: Record<string, unknown>
  /** the line's eventId: PostHog dedups on it */
  uuid: string
  /** the line's time, ISO 8601 */
  timestamp: string
}

/** `$identify`: the person's properties (`$set`) */
export interface PosthogIdentify {
  distinctId: string
  properties: Record<string, unknown>
  uuid: string
  timestamp: string
}

/** `$create_alias`: `alias` (an earlier id) becomes the same person as `distinctId` */
export interface PosthogAliasCall {
  distinctId: string
  alias: string
  uuid: string
  timestamp: string
}

export interface PosthogItem {
  capture: PosthogCapture
  identify?: PosthogIdentify
  alias?: PosthogAliasCall[]
}

/** Context fields sent when the catalog declares none. */
export const DEFAULT_CONTEXT_FIELDS: readonly string[] = ['requestId', 'userId', 'anonymousId', 'sessionId', 'tenantId', 'jobId']
const ENVELOPE: ReadonlySet<string> = new Set<string>([...RESERVED_FIELDS, 'v'])

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

function deletePath(target: Record<string, unknown>, path: string): void {
  const parts = path.split('.')
  let node: unknown = target
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return
    node = (node as Record<string, unknown>)[part]
  }
  const last = parts.at(-1)
  if (last !== undefined && node !== null && typeof node === 'object') delete (node as Record<string, unknown>)[last]
}

function without(values: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  if (paths.length === 0) return values
  const copy = structuredClone(values)
  for (const path of paths) deletePath(copy, path)
  return copy
}

export class PosthogEncoder {
  readonly #destination: string
  readonly #settings: PosthogSettings
  readonly #catalog: CompiledCatalog | undefined
  readonly #context: readonly string[]
  readonly #identify: ReadonlySet<string>

  constructor(settings: PosthogSettings, catalog?: CompiledCatalog, destination = 'posthog') {
    this.#destination = destination
    this.#settings = settings
    this.#catalog = catalog
    this.#context = catalog && catalog.context.length > 0 ? catalog.context : DEFAULT_CONTEXT_FIELDS
    this.#identify = new Set(settings.identify)
  }

  encode(line: LogLine): PosthogItem {
    const name = line.event
    if (!name) {
      throw new LineEncodeError(
        this.#destination,
        line.eventId,
        `the line has no event name (msg: ${JSON.stringify(line.msg ?? '')}); route only catalog events to PostHog (name it under the event's to:)`,
      )
    }
    const spec = this.#catalog?.events[name]
    const keep = spec?.pii.keep ?? []
    // a fresh object (or its clone without the kept paths), filled in place: no spread, no second copy
    const properties = without(this.#ownProperties(line, spec), keep)
    for (const key of this.#context) if (line[key] !== undefined && !keep.includes(key)) properties[key] = line[key]
    properties.source = 'server'

    const resolved = this.#distinctId(line, spec)
    if (line.service) properties.service = line.service
    if (line.env) properties.environment = line.env
    if (line.kind ?? spec?.kind) properties.kind = line.kind ?? spec?.kind
    if (spec) properties.eventVersion = spec.version
    if (!resolved) properties.$process_person_profile = false
    const distinctId = resolved ?? line.service ?? this.#catalog?.service ?? 'server'

    const item: PosthogItem = {
      capture: { event: name, distinctId, properties, uuid: lineUuid(line.eventId), timestamp: line.time },
    }
    if (resolved && this.#identify.has(name)) {
      const pii = spec ? [...spec.pii.hash, ...spec.pii.redact, ...spec.pii.keep] : []
      item.identify = {
        distinctId,
        properties: without(this.#ownProperties(line, spec), pii),
        uuid: lineUuid(line.eventId, 'identify'),
        timestamp: line.time,
      }
    }
    const aliases: PosthogAliasCall[] = []
    for (const rule of this.#settings.alias) {
      if (rule.event !== name || !resolved) continue
      const earlier = str(line[rule.from])
      if (earlier && earlier !== distinctId) {
        aliases.push({ distinctId, alias: earlier, uuid: lineUuid(line.eventId, `alias:${earlier}`), timestamp: line.time })
      }
    }
    if (aliases.length > 0) item.alias = aliases
    return item
  }

  /** The event's own properties: the catalog's, or every non-envelope, non-context field when the event is unknown. */
  #ownProperties(line: LogLine, spec: CompiledEvent | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    if (spec) {
      for (const key of Object.keys(spec.properties)) if (line[key] !== undefined) out[key] = line[key]
      return out
    }
    for (const [key, value] of Object.entries(line)) {
      if (!ENVELOPE.has(key) && !this.#context.includes(key) && value !== undefined) out[key] = value
    }
    return out
  }

  #distinctId(line: LogLine, spec: CompiledEvent | undefined): string | undefined {
    const keep = spec?.pii.keep ?? []
    const fields = [spec?.distinctId, 'userId', 'anonymousId'].filter((f): f is string => !!f && !keep.includes(f))
    for (const field of fields) {
      const value = str(line[field])
      if (value) return value
    }
    return undefined
  }
}
