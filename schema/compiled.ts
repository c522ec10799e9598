/**
 * The compiled catalog: the plain-data form of `events.catalog.yaml` that
 * `linecast generate` writes to `generated/catalog.json` and embeds in
 * `generated/events.ts`. The runtime (emitters), the router and the transports
 * read only this shape. Settings keep their `${VAR}` templates unexpanded:
 * environment expansion happens at run time (see `schema/env.ts`).
 */

export { LEVELS, LEVEL_VALUES, type Level } from '../core/level.js'
import type { Level } from '../core/level.js'
import type { Runtime, Target } from './runtimes.js'

export const SEVERITIES = ['p0', 'p1', 'p2', 'p3'] as const
export type Severity = (typeof SEVERITIES)[number]

export const EVENT_KINDS = ['analytics', 'cost', 'audit', 'error', 'metric'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const DESTINATION_KINDS = [
  'sentry',
  'posthog',
  'audit_log',
  'betterstack',
  'slack',
  'mixpanel',
  'email',
  'module',
  'otlp',
] as const
export type DestinationKind = (typeof DESTINATION_KINDS)[number]

/** Destinations that receive product analytics: a raw `pii: keep` value never goes there. */
export const ANALYTICS_DESTINATION_KINDS: readonly DestinationKind[] = ['posthog', 'mixpanel']

export const PII_MODES = ['hash', 'redact', 'keep'] as const
export type PiiMode = (typeof PII_MODES)[number]

/** Field names pino or linecast write on every line; a property may not use them. */
export const RESERVED_FIELDS = [
  'level',
  'time',
  'msg',
  'event',
  'kind',
  'service',
  'env',
  'err',
  'pid',
  'hostname',
  'eventId',
] as const

interface PropertyBase {
  optional?: boolean
  description?: string
  pii?: PiiMode
}
export interface StringProperty extends PropertyBase {
  type: 'string'
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: 'email' | 'uuid' | 'url' | 'datetime'
}
export interface NumberProperty extends PropertyBase {
  type: 'integer' | 'number'
  min?: number
  max?: number
}
export interface BooleanProperty extends PropertyBase {
  type: 'boolean'
}
export interface EnumProperty extends PropertyBase {
  type: 'enum'
  values: string[]
}
export interface ArrayProperty extends PropertyBase {
  type: 'array'
  items: PropertySpec
  minItems?: number
  maxItems?: number
}
export interface ObjectProperty extends PropertyBase {
  type: 'object'
  properties: Record<string, PropertySpec>
}
export type PropertySpec =
  | StringProperty
  | NumberProperty
  | BooleanProperty
  | EnumProperty
  | ArrayProperty
  | ObjectProperty

/** How an audit or cost event becomes an `audit_log` row. Values name a property or context field. */
export interface AuditMapping {
  action: string
  resourceType: string
  /** property or context field holding the resource id */
  resourceId?: string
}

export interface CompiledEvent {
  name: string
  /** camelCase helper name: `log.emit.<helper>(...)` */
  helper: string
  kind: EventKind
  description: string
  owner?: string
  level: Level
  severity?: Severity
  /** property or context field that names the actor (PostHog distinct_id, audit user_id) */
  distinctId?: string
  /** message template with `{property}` placeholders */
  message?: string
  version: number
  /** reason the event is deprecated; absent when it is not */
  deprecated?: string
  /** 0..1, deterministic per distinctId; absent means 1 */
  sample?: number
  /** destinations named by the event, added to the level and severity routes */
  to: string[]
  audit?: AuditMapping
  properties: Record<string, PropertySpec>
  /**
   * dotted property paths by PII treatment, precomputed for the hot path:
   * `customer.email` for a nested object field, `items[].email` for a field of
   * every element of the list `items`, `tags[]` for every element of `tags`.
   * A property with its own `pii` covers everything under it.
   */
  pii: { hash: string[]; redact: string[]; keep: string[] }
  /** true for events that ship with linecast (the built-in catalog part) */
  builtin?: boolean
  /** where the event is emitted from (see schema/runtimes.ts); absent: server only */
  runtimes?: Runtime[]
}

export interface DestinationSpec {
  kind: DestinationKind
  /** lowest level a level-routed line must have to reach this destination */
  level?: Level
  /** everything else the user wrote, `${VAR}` templates unexpanded */
  settings: Record<string, unknown>
}

export type AlertMeasure = 'count' | 'sum' | 'avg' | 'max' | 'p50' | 'p90' | 'p95' | 'p99'

export interface AlertRule {
  name: string
  description?: string
  when: {
    /** event name the rule watches; absent: every line (filtered by level) */
    event?: string
    /** lowest level counted; with `event` absent, the rule watches lines at this level and above */
    level?: Level
    measure: AlertMeasure
    /** property measured (absent for count) */
    property?: string
    /** window length in milliseconds */
    windowMs: number
    /** the window as the user wrote it, e.g. `1h` */
    over: string
    above: number
  }
  to: string[]
  severity?: Severity
}

export interface Pricing {
  inputPer1M?: number
  outputPer1M?: number
  cachedInputPer1M?: number
  perImage?: number
  perVideo?: number
  perSecond?: number
}

export interface FlagSpec {
  name: string
  helper: string
  description: string
  owner?: string
  /** variant keys for multivariate flags; absent for boolean flags */
  variants?: string[]
  /** value used when the flag cannot be evaluated */
  default: boolean | string
}

export interface Threshold {
  warnMs: number
  criticalMs: number
}

export const DELIVERY_MODES = ['process', 'stream'] as const
export type DeliveryMode = (typeof DELIVERY_MODES)[number]

/** `delivery:` of the catalog; templates unexpanded. Absent: in-process delivery. */
export interface DeliverySpec {
  /** process: the transport worker calls the sinks; stream: it appends to a Redis Stream that `linecast relay` reads */
  mode: DeliveryMode
  /** default `${REDIS_URL}`; with `cluster: true`, comma-separated seed nodes */
  redisUrl?: string
  /** stream key; default `linecast:lines` */
  stream?: string
  /** consumer group of the relays; default `linecast-relays` */
  group?: string
  /** connect through ioredis' Redis Cluster client */
  cluster?: boolean
}

export interface CompiledCatalog {
  catalog: 1
  service: string
  /** `${VAR}` template of the HMAC key for `pii: hash`, unexpanded */
  piiKey?: string
  environment?: string
  release?: string
  /** keys redacted at any depth, on top of the built-in list */
  redact: string[]
  /** correlation fields stamped on lines */
  context: string[]
  /** the types of the context fields, when the catalog writes `context:` as a mapping of field to type */
  contextTypes?: Record<string, PropertySpec>
  destinations: Record<string, DestinationSpec>
  /** level or severity -> destinations; a level route takes lines at that level and above */
  routes: Record<string, string[]>
  events: Record<string, CompiledEvent>
  pricing: Record<string, Pricing>
  alerts: Record<string, AlertRule>
  flags: Record<string, FlagSpec>
  thresholds: Record<string, Threshold>
  /** generated modules `linecast generate` writes besides events.ts; absent: none */
  targets?: Target[]
  delivery?: DeliverySpec
}
